package org.rampe.emails;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestArchives;
import org.rampe.members.Erasure;
import org.rampe.members.MemberId;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** A member's email choices and pending digest in their archive (email-choices.json), and their erasure (issue 16). */
class EmailsMemberDataTest extends RampeTest {

    @Autowired
    EmailsMemberData data;

    String ana;
    String leo;

    void story() {
        ana = members.create("ana");
        leo = members.create("leo");
        graph.write("""
                MATCH (a:Member {id: $ana}), (l:Member {id: $leo})
                SET a.mailReplies = 'none', a.mailDecisions = 'digest'
                CREATE (c:Conversation {id: 'c-1', kind: 'direct', createdAt: datetime(), lastSeq: 1})
                CREATE (a)-[:DIGEST_ITEM]->(:DigestItem {id: 'i-1', topic: 'message', at: datetime('2026-12-01T10:00:00Z'),
                                                         by: $leo, conversation: 'c-1'})
                CREATE (a)-[:DIGEST_ITEM]->(:DigestItem {id: 'i-2', topic: 'decision', at: datetime('2026-12-02T10:00:00Z'),
                                                         decision: 'd-1'})
                CREATE (a)-[:AWAY_MAILED {at: datetime('2026-12-01T10:00:00Z')}]->(c)
                CREATE (l)-[:DIGEST_ITEM]->(:DigestItem {id: 'i-3', topic: 'follow', at: datetime(), by: $ana})
                CREATE (l)-[:DIGEST_ITEM]->(:DigestItem {id: 'i-4', topic: 'reply', at: datetime()})""",
                Map.of("ana", ana, "leo", leo));
    }

    @Test
    void theArchiveSaysEachChoiceAndWhatWaitsForTheirDigestWithoutNamingAnyone() {
        story();
        var archive = TestArchives.of(ana, data);
        JsonNode json = archive.json("email-choices.json");
        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.get("choices")).hasSize(5);
        assertThat(json.get("choices").get(0).toString()).isEqualTo("{\"kind\":\"replies\",\"choice\":\"none\",\"chosen\":true}");
        assertThat(json.get("choices").get(1).toString()).isEqualTo("{\"kind\":\"messages\",\"choice\":\"digest\",\"chosen\":false}");
        assertThat(json.get("choices").get(4).toString()).isEqualTo("{\"kind\":\"decisions\",\"choice\":\"digest\",\"chosen\":true}");
        assertThat(json.get("digestItems")).hasSize(2);
        assertThat(json.get("digestItems").get(0).get("topic").asString()).isEqualTo("message");
        assertThat(json.get("digestItems").get(0).get("at").asString()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(json.get("awayMails").get(0).get("conversationId").asString()).isEqualTo("c-1");
        assertThat(archive.text("email-choices.json")).doesNotContain(leo);
    }

    @Test
    void erasureRemovesTheirDigestAwayMarksAndOthersDigestItemsAboutThemAndCanRunTwice() {
        story();
        var erasure = new Erasure(new MemberId(ana), Erasure.Choice.REMOVE, Instant.now());
        data.erase(erasure);
        data.erase(erasure);
        assertThat(graph.count("MATCH (:Member {id: $a})-[r:DIGEST_ITEM|AWAY_MAILED]->() RETURN count(r)", Map.of("a", ana))).isZero();
        assertThat(graph.count("MATCH (i:DigestItem) WHERE any(k IN keys(i) WHERE i[k] = $a) RETURN count(i)", Map.of("a", ana))).isZero();
        assertThat(graph.count("MATCH (:Member {id: $l})-[:DIGEST_ITEM]->(i:DigestItem {id: 'i-4'}) RETURN count(i)", Map.of("l", leo)))
                .as("Léo's other items stay").isEqualTo(1);
        assertThat(graph.count("MATCH (c:Conversation {id: 'c-1'}) RETURN count(c)", Map.of())).isEqualTo(1);
    }
}
