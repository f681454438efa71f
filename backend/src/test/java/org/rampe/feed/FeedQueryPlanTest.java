package org.rampe.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.summary.Plan;
import org.rampe.RampeTest;

/**
 * The feed queries start from the reader, found through the member id's uniqueness constraint,
 * and never scan posts (nor any label): checked with {@code EXPLAIN} on the Cypher that
 * {@link FeedRepository} runs.
 */
class FeedQueryPlanTest extends RampeTest {

    record Operator(String name, String details) {
    }

    private List<Operator> operators(String query) {
        Map<String, Object> params = new HashMap<>();
        params.put("viewer", "someone");
        params.put("at", null);
        params.put("post", null);
        params.put("size", 50);
        Plan plan;
        try (var session = driver.session()) {
            plan = session.executeRead(tx -> tx.run("EXPLAIN " + query, params).consume().plan());
        }
        List<Operator> ops = new ArrayList<>();
        collect(plan, ops);
        return ops;
    }

    private static void collect(Plan plan, List<Operator> ops) {
        var details = plan.arguments().get("Details");
        ops.add(new Operator(plan.operatorType().replaceFirst("@.*$", ""), details == null ? "" : details.asString()));
        plan.children().forEach(c -> collect(c, ops));
    }

    private void startsFromTheReaderAndScansNothing(String query) {
        var ops = operators(query);
        assertThat(ops).as("scans in %s", ops).noneMatch(o -> o.name().contains("Scan"));
        assertThat(ops).as("post lookups in %s", ops).noneMatch(o -> o.name().contains("Index") && o.details().contains(":Post"));
        assertThat(ops).as("reader seek in %s", ops).anyMatch(o -> o.name().equals("NodeUniqueIndexSeek")
                && o.details().matches("(?s).*UNIQUE r:Member\\(id\\) WHERE id = \\$viewer.*"));
    }

    @Test
    void theInboxPageStartsFromTheReaderByIdAndScansNoPosts() {
        startsFromTheReaderAndScansNothing(FeedRepository.INBOX_PAGE);
    }

    @Test
    void theFallbackPageStartsFromTheReaderByIdAndScansNoPosts() {
        startsFromTheReaderAndScansNothing(FeedRepository.FALLBACK_PAGE);
    }

    @Test
    void theCheckCatchesAScan() {
        var ops = operators("MATCH (p:Post) WHERE p.text = $viewer RETURN p");
        assertThat(ops).anyMatch(o -> o.name().contains("Scan"));
    }
}
