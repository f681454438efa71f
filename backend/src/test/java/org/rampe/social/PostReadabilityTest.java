package org.rampe.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The readability rule given to other features with named variables is, for the names the queries
 * used before, the very fragment they spliced in (so their plans and figures stay as measured).
 */
class PostReadabilityTest {

    /** The fragment as it was (Visibility.CAN_READ_POST), with p, author and $viewer. */
    static final String BEFORE = """
            ((p.moderation IS NULL OR (p.moderation = 'hidden' AND author.id = $viewer))
            AND (author.id = $viewer
             OR (NOT EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(author) }
                 AND CASE WHEN p.visibility = 'group'
                     THEN EXISTS { MATCH (p)-[:IN_GROUP]->(pg:Group)
                                   WHERE pg.kind = 'public' OR EXISTS { MATCH (:Member {id: $viewer})-[:MEMBER_OF]->(pg) } }
                     ELSE ((p.visibility = 'public' AND NOT coalesce(author.privateAccount, false))
                           OR EXISTS { MATCH (:Member {id: $viewer})-[:FOLLOWS]->(author) }) END)))""";

    @Test
    void byReaderIdIsTheFragmentTheQueriesUsedBefore() {
        assertThat(PostReadability.byReaderId("p", "author", "viewer")).isEqualTo(BEFORE);
    }

    @Test
    void byReaderBindsTheReaderNodeWhereTheFragmentMatchedItById() {
        assertThat(PostReadability.byReader("p", "author", "reader"))
                .isEqualTo(BEFORE.replace("(:Member {id: $viewer})", "(reader)").replace("$viewer", "reader.id"));
    }

    @Test
    void otherNamesAreUsedEverywhereTheRuleNamesThePostOrItsAuthor() {
        String rule = PostReadability.byReader("post", "writer", "me");
        assertThat(rule).doesNotContain("p.", "(p)", "author", "$viewer").contains("post.moderation", "writer.id = me.id", "(me)-[:FOLLOWS]->(writer)");
    }

    @Test
    void namesThatAreNotPlainVariablesAreRefused() {
        assertThatThrownBy(() -> PostReadability.byReaderId("p", "author) OR true OR (x", "viewer"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostReadability.byReader("pg", "author", "reader")).isInstanceOf(IllegalArgumentException.class);
    }
}
