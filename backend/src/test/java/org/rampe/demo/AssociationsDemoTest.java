package org.rampe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.associations.Association;
import org.rampe.associations.Associations;
import org.springframework.beans.factory.annotation.Autowired;

class AssociationsDemoTest extends RampeTest {

    @Autowired
    AssociationsDemo demo;

    @Autowired
    Associations associations;

    @Test
    void theDemoBringsOneVerifiedAssociationAndOneWaitingBothMarkedAsDemo() {
        demo.load(Map.of("camille", members.create("demo_camille"), "lea", members.create("demo_lea")));
        // As the associations page lists them: verified first, then by name.
        List<Association> listed = graph.list("""
                MATCH (a:Association) RETURN a.slug AS slug ORDER BY a.verified DESC, toLower(a.name), a.slug""",
                r -> associations.bySlug(r.get("slug").asString()).orElseThrow());
        assertThat(listed).extracting(Association::name)
                .containsExactly("[Démo] Club des sourds de Montpellier", "[Démo] Parents solidaires 34");
        assertThat(listed).extracting(Association::verified).containsExactly(true, false);
        assertThat(listed.getFirst().slug()).isEqualTo("demo-club-des-sourds-de-montpellier");
        long marked = graph.count("""
                MATCH (m:Member)-[:REPRESENTS]->(a:Association {demo: true}) WHERE m.handle STARTS WITH 'demo_'
                RETURN count(a) AS n""", Map.of());
        assertThat(marked).isEqualTo(2);
    }
}
