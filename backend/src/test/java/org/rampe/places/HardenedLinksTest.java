package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 17: the absolute links the API gives ({@code next}) are on the site's configured address
 * ({@code rampe.public-url}), never on the Host header of the request, which anyone can forge (a
 * cache or a client would follow it to the forger's host).
 */
class HardenedLinksTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Places places;

    @Test
    void theNextPageOfTheApiIsOnThePublicAddressWhateverTheHostHeaderSays() throws Exception {
        String lou = members.create("lou");
        for (int i = 0; i < 3; i++) {
            places.add("Lieu " + i, "pharmacie", new Address("1 rue de la Loge", "34000", "Montpellier"),
                    new GeoPoint(43.6085 + i * 0.001, 3.88), lou, Map.of());
        }
        for (String host : new String[] {"evil.example", "evil.example:8443", "localhost"}) {
            var body = mvc.perform(get("/api/places?lat=43.6085&lon=3.88&radius=2000&size=1").header("Host", host)
                            .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            String next = new tools.jackson.databind.ObjectMapper().readTree(body).get("next").asString();
            assertThat(next).as(host).startsWith(publicUrl() + "/api/places?").contains("after=").doesNotContain("evil");
        }
    }
}
