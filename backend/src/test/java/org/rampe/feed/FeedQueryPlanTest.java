package org.rampe.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.QueryPlans.assertScansNothing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.QueryPlans;
import org.rampe.QueryPlans.Operator;
import org.rampe.RampeTest;

/**
 * The feed queries start from the reader, found through the member id's uniqueness constraint,
 * and never scan posts (nor any label): checked with {@code EXPLAIN} on the Cypher that
 * {@link FeedRepository} runs.
 */
class FeedQueryPlanTest extends RampeTest {

    private List<Operator> operators(String query) {
        Map<String, Object> params = new HashMap<>();
        params.put("viewer", "someone");
        params.put("at", null);
        params.put("post", null);
        params.put("size", 50);
        return QueryPlans.explain(graph, query, params);
    }

    private void startsFromTheReaderAndScansNothing(String query) {
        var ops = operators(query);
        assertScansNothing(ops);
        assertThat(ops).as("post lookups in %s", ops).noneMatch(o -> o.name().contains("Index") && o.details().contains(":Post"));
        assertThat(ops).as("reader seek in %s", ops).anyMatch(o -> o.seeksUnique("r:Member(id) WHERE id = $viewer"));
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
        assertThat(ops).anyMatch(Operator::isScan);
    }
}
