package org.rampe.places.photos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.images.ImageStore;
import org.rampe.images.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

class PhotoDeletionTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ImageStore store;

    String placeId;
    MockHttpSession ana;
    String photoId;

    @BeforeEach
    void anaUploadedAPhoto() throws Exception {
        placeId = UUID.randomUUID().toString();
        graph.write("CREATE (:Place {id: $id, name: 'Café des Arts', category: 'café', location: point({latitude: 43.61, longitude: 3.877})})",
                Map.of("id", placeId));
        ana = members.signUp("ana_b", "Ana");
        var upload = multipart("/places/{id}/photos", placeId);
        upload.file(new MockMultipartFile("file", "photo.png", "image/png", TestImages.png(40, 30)));
        mvc.perform(upload.with(csrf()).session(ana).param("alt", "Rampe à l’entrée").param("group", "entrance")
                .param("licence", "cc_by_sa_4")).andExpect(status().isFound());
        photoId = graph.one("MATCH (ph:Photo) RETURN ph.id AS id", Map.of(), r -> r.get("id").asString()).orElseThrow();
        // Someone reported it: the report goes with the photo.
        mvc.perform(post("/places/{p}/photos/{ph}/report", placeId, photoId).with(csrf()).session(members.signUp("lou", "Lou"))
                .param("reason", "offensive"));
        assertThat(store.get(photoId)).isPresent();
    }

    private String url() {
        return "/places/" + placeId + "/photos/" + photoId + "/delete";
    }

    private void assertGone() {
        assertThat(graph.count("MATCH (ph:Photo) RETURN count(ph) AS n", Map.of())).isZero();
        assertThat(graph.count("MATCH (r:PhotoReport) RETURN count(r) AS n", Map.of())).isZero();
        assertThat(store.get(photoId)).isEmpty();
    }

    @Test
    void theUploaderDeletesTheirPhotoAfterConfirmingAndTheFileIsGone() throws Exception {
        String gallery = mvc.perform(get("/places/" + placeId).session(ana)).andReturn().getResponse().getContentAsString();
        assertThat(gallery).contains("href=\"" + url() + "\"");
        String confirm = mvc.perform(get(url()).session(ana)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("<h1>Supprimer cette photo ?</h1>", "alt=\"Rampe à l’entrée\"", "Oui, supprimer la photo");

        mvc.perform(post(url()).with(csrf()).session(ana))
                .andExpect(redirectedUrl("/places/" + placeId + "#photos"))
                .andExpect(flash().attribute("notice", "photo.deleted"));
        assertGone();
        mvc.perform(post(url()).with(csrf()).session(ana)).andExpect(status().isNotFound());
    }

    @Test
    void anAdministratorDeletesAnyPhoto() throws Exception {
        var admin = members.signUp(newMember(ADMIN_HANDLE).named("Admin").withEmail("admin@example.org"));
        mvc.perform(get(url()).session(admin)).andExpect(status().isOk());
        mvc.perform(post(url()).with(csrf()).session(admin)).andExpect(flash().attribute("notice", "photo.deleted"));
        assertGone();
    }

    @Test
    void anotherMemberIsForbiddenAndAVisitorSentToSignIn() throws Exception {
        var bob = members.signUp("bob", "Bob");
        String gallery = mvc.perform(get("/places/" + placeId).session(bob)).andReturn().getResponse().getContentAsString();
        assertThat(gallery).doesNotContain(url());
        mvc.perform(get(url()).session(bob)).andExpect(status().isForbidden());
        mvc.perform(post(url()).with(csrf()).session(bob)).andExpect(status().isForbidden());
        mvc.perform(post(url()).with(csrf())).andExpect(redirectedUrl("/signin"));
        mvc.perform(get("/places/" + placeId + "/photos/" + UUID.randomUUID() + "/delete").session(ana)).andExpect(status().isNotFound());
        mvc.perform(get("/places/" + UUID.randomUUID() + "/photos/" + photoId + "/delete").session(ana)).andExpect(status().isNotFound());
        assertThat(graph.count("MATCH (ph:Photo) RETURN count(ph) AS n", Map.of())).isEqualTo(1);
        assertThat(store.get(photoId)).isPresent();
    }
}
