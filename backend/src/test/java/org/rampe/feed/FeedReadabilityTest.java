package org.rampe.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.social.PostReadability;

/**
 * The inbox page's one readability check ({@link FeedRepository#READABLE_IN_FEED}) says the same
 * as the two rules it merges, "in the reader's feed" ({@link FeedRepository#IN_FEED}) and "the
 * reader may read it" ({@link Visibility#canReadPost}), for every combination those rules tell
 * apart: the reader's own posts and those of 24 other authors (followed or not, muted or not, no
 * block or a block either way, private account or not), each with a public, a followers-only and
 * four group posts (public or closed group, the reader a member or not), each not moderated, hidden
 * or removed.
 */
class FeedReadabilityTest extends RampeTest {

    @Test
    void theMergedCheckEqualsTheTwoRulesInEveryCase() {
        try (var session = driver.session()) {
            session.executeWrite(tx -> tx.run("""
                    CREATE (r:Member {id: 'r', handle: 'r'})
                    CREATE (gPublicIn:Group {id: 'g1', kind: 'public'}), (gPublicOut:Group {id: 'g2', kind: 'public'}),
                           (gClosedIn:Group {id: 'g3', kind: 'closed'}), (gClosedOut:Group {id: 'g4', kind: 'closed'})
                    CREATE (r)-[:MEMBER_OF]->(gPublicIn), (r)-[:MEMBER_OF]->(gClosedIn)
                    WITH r
                    UNWIND [false, true] AS follows
                    UNWIND [false, true] AS mutes
                    UNWIND ['none', 'byReader', 'ofReader'] AS block
                    UNWIND [false, true] AS private
                    CREATE (a:Member {id: 'a-' + toString(follows) + '-' + toString(mutes) + '-' + block + '-' + toString(private), privateAccount: private})
                    FOREACH (_ IN CASE WHEN follows THEN [1] ELSE [] END | CREATE (r)-[:FOLLOWS]->(a))
                    FOREACH (_ IN CASE WHEN mutes THEN [1] ELSE [] END | CREATE (r)-[:MUTES]->(a))
                    FOREACH (_ IN CASE WHEN block = 'byReader' THEN [1] ELSE [] END | CREATE (r)-[:BLOCKS]->(a))
                    FOREACH (_ IN CASE WHEN block = 'ofReader' THEN [1] ELSE [] END | CREATE (a)-[:BLOCKS]->(r))
                    """).consume());
            session.executeWrite(tx -> tx.run("""
                    MATCH (author:Member)
                    UNWIND ['public', 'followers', 'g1', 'g2', 'g3', 'g4'] AS where
                    UNWIND [null, 'hidden', 'removed'] AS moderation
                    CREATE (author)-[:POSTED]->(p:Post {id: author.id + '/' + where + '/' + coalesce(moderation, 'none'),
                                                       visibility: CASE WHEN where STARTS WITH 'g' THEN 'group' ELSE where END,
                                                       moderation: moderation})
                    WITH p, where
                    OPTIONAL MATCH (g:Group {id: where})
                    FOREACH (_ IN CASE WHEN g IS NULL THEN [] ELSE [1] END | CREATE (p)-[:IN_GROUP]->(g))
                    """).consume());
            List<Map<String, Object>> rows = session.executeRead(tx -> tx.run("""
                    MATCH (r:Member {id: 'r'}), (author:Member)-[:POSTED]->(p:Post)
                    RETURN p.id AS post, (%s AND %s) AS twoRules, %s AS merged
                    """.formatted(FeedRepository.IN_FEED, PostReadability.byReader("p", "author", "r"), FeedRepository.READABLE_IN_FEED))
                    .list(r -> r.asMap()));

            assertThat(rows).hasSize(25 * 6 * 3);
            assertThat(rows).allSatisfy(row -> assertThat(row.get("merged")).as("%s", row.get("post")).isEqualTo(row.get("twoRules")));
            // Not a comparison of two constants: both answers occur, for the reader's own posts too.
            assertThat(rows).filteredOn(row -> Boolean.TRUE.equals(row.get("merged"))).extracting(row -> row.get("post"))
                    .contains("r/followers/hidden", "a-true-false-none-true/followers/none", "a-false-false-none-false/g1/none")
                    .doesNotContain("r/public/removed", "a-true-true-none-false/public/none", "a-true-false-ofReader-false/public/none",
                            "a-false-false-none-false/public/none", "a-false-false-none-false/g2/none",
                            "a-true-false-none-false/public/hidden");
        }
    }
}
