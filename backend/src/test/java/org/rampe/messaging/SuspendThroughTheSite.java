package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.rampe.HttpDevice;
import org.rampe.graph.Graph;

/**
 * An administrator suspends a member as on the site: reports the member through the report form,
 * then decides "suspend" on the case through the moderation queue's form. For the tests that a
 * suspension holds at once (SuspensionsAtOnceTest on one instance, ScaleOutTest across two).
 */
final class SuspendThroughTheSite {

    private SuspendThroughTheSite() {
    }

    /** Suspends {@code memberId} for {@code days} ("" = for good); the decision's id. */
    static String suspend(HttpDevice admin, Graph graph, String memberId, String reason, String why, String days) throws Exception {
        var reported = admin.post("/report", admin.get("/report?kind=member&id=" + memberId).body(),
                "kind", "member", "id", memberId, "reason", reason, "text", why);
        assertThat(reported.statusCode()).as("the report").isEqualTo(302);
        String caseId = graph.one("MATCH (c:Case {targetId: $id}) RETURN c.id AS id", Map.of("id", memberId),
                r -> r.get("id").asString()).orElseThrow();
        var decided = admin.post("/moderation/cases/" + caseId + "/decision", admin.get("/moderation").body(),
                "action", "suspend", "rule", "Règle 1 : respect", "reason", why, "days", days);
        assertThat(decided.statusCode()).as("the decision").isEqualTo(302);
        return graph.one("""
                MATCH (d:Decision {action: 'suspend'})-[:ON]->(:Case {id: $case}) RETURN d.id AS id""", Map.of("case", caseId),
                r -> r.get("id").asString()).orElseThrow();
    }
}
