package org.rampe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

/** One test: loading the demo takes the better part of a minute. */
class DemoContentTest extends RampeTest {

    @Autowired
    DemoContent demo;

    @Test
    void theDemoLoadsOnceWithItsPlacesMarkedMembersAndTheirAnswers() {
        assertThat(demo.load()).isTrue();
        long places = count("MATCH (p:Place {source: 'osm'}) RETURN count(p) AS n");
        long answers = count("MATCH (a:Answer) RETURN count(a) AS n");

        assertThat(demo.load()).isFalse();

        assertThat(places).isEqualTo(69 + 824);
        assertThat(count("MATCH (p:Place) RETURN count(p) AS n")).isEqualTo(places);
        assertThat(count("MATCH (a:Answer) RETURN count(a) AS n")).isEqualTo(answers);
        assertThat(count("MATCH (:Member)-[:GAVE]->(a:Answer {current: true}) RETURN count(a) AS n"))
                .isEqualTo(DemoContent.ANSWERS.size());

        List<String> names = graph.list("""
                MATCH (m:Member) WHERE m.demo = true AND m.email ENDS WITH '@rampe.invalid' AND m.handle STARTS WITH 'demo_'
                  AND m.passwordHash STARTS WITH '{argon2@SpringSecurity_v5_8}'
                RETURN m.displayName AS name ORDER BY name
                """, r -> r.get("name").asString());
        assertThat(names).hasSize(3).allSatisfy(n -> assertThat(n).endsWith(" (démo)")).anySatisfy(n -> assertThat(n).contains("🦯"));

        // The demo members talk: they follow each other, post, comment (a reply too), react and mention.
        assertThat(count("MATCH (:Member {demo: true})-[f:FOLLOWS]->(:Member {demo: true}) RETURN count(f) AS n")).isEqualTo(6);
        assertThat(count("MATCH (:Member {demo: true})-[:POSTED]->(p:Post) WHERE (p.text STARTS WITH '[Démo]' OR p.text STARTS WITH '[Demo]') AND NOT (p)-[:IN_GROUP]->() RETURN count(p) AS n"))
                .isEqualTo(4);
        // And they have groups: a public and a private one, marked demo, with a few posts.
        assertThat(count("MATCH (g:Group) WHERE g.name STARTS WITH '[Démo]' AND g.description STARTS WITH '[Démo]' RETURN count(g) AS n")).isEqualTo(2);
        assertThat(count("MATCH (g:Group) WHERE g.kind IN ['public', 'private'] RETURN count(DISTINCT g.kind) AS n")).isEqualTo(2);
        assertThat(count("MATCH (:Member {demo: true})-[:POSTED]->(p:Post {visibility: 'group'})-[:IN_GROUP]->(:Group) WHERE p.text STARTS WITH '[Démo]' RETURN count(p) AS n"))
                .isEqualTo(3);
        assertThat(count("MATCH (c:Comment)-[:ON]->(:Post) WHERE c.text STARTS WITH '[Démo]' RETURN count(c) AS n")).isEqualTo(6);
        assertThat(count("MATCH (:Comment)-[:REPLY_TO]->(:Comment) RETURN count(*) AS n")).isEqualTo(2);
        assertThat(count("MATCH (:Member)-[r:REACTED]->(:Post) RETURN count(r) AS n")).isEqualTo(7);
        assertThat(count("MATCH (:Comment)-[:MENTIONS]->(:Member {handle: 'demo_camille'}) RETURN count(*) AS n")).isEqualTo(1);

        // The crowd-rating shows: members' answers are in the place's stored summary.
        var summary = graph.one("MATCH (p:Place {sourceKey: 'osm:612258796'}) RETURN p.a_ramp AS ramp, p.a_call_device AS bell",
                Map.of(), r -> r).orElseThrow();
        assertThat(summary.get("ramp").asString()).isEqualTo("removable");
        assertThat(summary.get("bell").asString()).isEqualTo("yes");
    }

    private long count(String query) {
        return graph.count(query, Map.of());
    }
}
