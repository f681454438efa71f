package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rampe.TestArchives;

class ZipArchiveTest {

    record Item(String text, Instant at) {
    }

    @Test
    void jsonFilesAreUtf8WithIsoDatesAndImagesHaveTheirAltTextBeside() {
        MemberData feature = new MemberData() {
            @Override
            public Coverage covers() {
                return new Coverage("test", Set.of(), Set.of());
            }

            @Override
            public void export(MemberArchive archive) {
                archive.json("items.json", json -> json
                        .field("member", archive.member().value())
                        .array("items", items -> {
                            items.add(new Item("Rampe d'accès 👩🏽‍🦽 عربي", Instant.parse("2026-12-07T10:15:30Z")));
                            items.add(new Item(null, Instant.parse("2026-01-01T00:00:00Z")));
                        }));
                archive.image("post-1", new byte[] {1, 2, 3}, "Une rampe en bois");
            }

            @Override
            public void erase(Erasure erasure) {
            }
        };
        String id = "6f1c1b9e-1111-4c1e-9a8e-2b1e0c4d5a6f";

        var archive = TestArchives.of(id, List.of(feature));

        var json = archive.json("items.json");
        assertThat(json.get("member").asString()).isEqualTo(id);
        assertThat(json.get("items").get(0).get("text").asString()).isEqualTo("Rampe d'accès 👩🏽‍🦽 عربي");
        assertThat(json.get("items").get(0).get("at").asString()).isEqualTo("2026-12-07T10:15:30Z");
        assertThat(json.get("items").get(1).get("text").isNull()).isTrue();
        assertThat(archive.files().get("images/post-1.jpg")).containsExactly(1, 2, 3);
        assertThat(archive.text("images/post-1.txt")).isEqualTo("Une rampe en bois");
    }
}
