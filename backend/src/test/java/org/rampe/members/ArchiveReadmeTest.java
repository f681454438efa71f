package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The README at the top of every archive, assembled from the features' sections. */
class ArchiveReadmeTest {

    /** Every file the issue names, with the images folder: the sections the archive will need. */
    private static final List<String> EXPECTED = List.of("profile", "needs", "account-security", "posts", "comments", "reactions",
            "follows", "blocks-and-mutes", "groups", "associations", "notifications", "messages", "reports", "decisions",
            "email-choices", "places", "images");
    /** The sections this part of the work writes (the others come with their features' exports). */
    private static final List<String> OURS = List.of("profile", "needs", "account-security", "images");

    private final ArchiveReadme readme = new ArchiveReadme();

    @Test
    void theReadmeIsInFrenchThenEnglishWithTheDateAndOneSectionPerFile() {
        String text = readme.assemble(Instant.parse("2026-12-07T13:32:00Z"),
                List.of("profile.json", "needs.json", "images/post-1.jpg", "images/post-1.txt", "images/post-2.jpg", "images/post-2.txt",
                        "unheard-of.json"));
        int english = text.indexOf("RAMPE — YOUR DATA");
        assertThat(text).startsWith("RAMPE — VOS DONNÉES");
        assertThat(english).isPositive();
        String french = text.substring(0, english);
        String en = text.substring(english);
        assertThat(french).contains("7 décembre 2026 à 14:32").contains("2026-12-07T13:32:00Z").contains("UTF-8").contains("ISO 8601");
        assertThat(en).contains("December 7, 2026 at 14:32").contains("UTF-8").contains("ISO 8601");
        for (String part : List.of(french, en)) {
            assertThat(part).contains("\nprofile.json\n------------\n").contains("\nneeds.json\n").contains("\nimages/\n")
                    .contains("\nunheard-of.json\n");
            // The images folder has one section, however many images.
            assertThat(part.split("\nimages/\n", -1)).hasSize(2);
        }
        assertThat(french).contains("displayName").contains("consentHistory").contains("texte alternatif");
        assertThat(en).contains("consentHistory").contains("alt text");
        // A file nobody documented still gets a line, in each language.
        assertThat(french).contains("Ce fichier fait partie de vos données sur Rampe");
        assertThat(en).contains("This file is part of your data on Rampe");
    }

    @Test
    void theSectionsOfThisPartAreWrittenInBothLanguages() {
        assertThat(OURS).allMatch(ArchiveReadme::documented);
    }

    /**
     * Lists the files the issue names whose section is still missing (written by each feature with
     * its export): a reminder in the test's output, not a failure, since those are not this part's.
     */
    @Test
    void listsTheSectionsStillMissing() {
        var missing = EXPECTED.stream().filter(s -> !ArchiveReadme.documented(s)).toList();
        if (!missing.isEmpty()) {
            System.out.println("Archive README sections still missing (archive-readme/<name>.fr.txt and .en.txt): " + missing);
        }
        assertThat(missing).doesNotContainAnyElementsOf(OURS);
    }
}
