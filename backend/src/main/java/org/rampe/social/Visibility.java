package org.rampe.social;

/**
 * Who may read a post: the one rule every query that shows posts applies, as Cypher predicates over
 * a post {@code p}, its author {@code author} and the reading member's id {@code $viewer} (null for
 * a visitor who is not signed in).
 *
 * <ul>
 * <li>Moderation first: a post hidden by moderators ({@code p.moderation = 'hidden'}) is read by its
 * author only (the moderators read it in their queue, which does not use this rule); a removed one
 * ({@code 'removed'}) by nobody.</li>
 * <li>The author always sees their own posts.</li>
 * <li>Nobody sees the posts of a member they block or who blocks them.</li>
 * <li>A public post of an open account is seen by everyone, visitors included.</li>
 * <li>A group post ({@code visibility = 'group'}, {@code (p)-[:IN_GROUP]->(:Group)}) is seen by the members
 * of its group, and by everyone (visitors included) when the group is public — whatever the author's
 * account; followers get nothing more.</li>
 * <li>Otherwise (a followers-only post, or any post of a private account) only approved followers see it.</li>
 * </ul>
 * Muting is not here: a muted author's posts stay readable by link, they only leave the muter's
 * feed and notifications.
 */
public final class Visibility {

    private Visibility() {
    }

    /** A predicate: {@code $viewer} may read post {@code p} written by {@code author}. */
    public static final String CAN_READ_POST = """
            ((p.moderation IS NULL OR (p.moderation = 'hidden' AND author.id = $viewer))
            AND (author.id = $viewer
             OR (NOT EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(author) }
                 AND CASE WHEN p.visibility = 'group'
                     THEN EXISTS { MATCH (p)-[:IN_GROUP]->(pg:Group)
                                   WHERE pg.kind = 'public' OR EXISTS { MATCH (:Member {id: $viewer})-[:MEMBER_OF]->(pg) } }
                     ELSE ((p.visibility = 'public' AND NOT coalesce(author.privateAccount, false))
                           OR EXISTS { MATCH (:Member {id: $viewer})-[:FOLLOWS]->(author) }) END)))""";

    /**
     * {@link #CAN_READ_POST} with the reader already bound to the node variable {@code reader}
     * (null for a visitor): the planner then checks a follow or a block between two known members
     * (Expand(Into)) instead of walking through all the followers of a popular author.
     */
    public static String canReadPost(String reader) {
        String rule = CAN_READ_POST.replace("(:Member {id: $viewer})", "(" + reader + ")").replace("$viewer", reader + ".id");
        if (rule.contains("$viewer") || !rule.contains("(" + reader + ")")) {
            throw new IllegalStateException("CAN_READ_POST changed shape: " + CAN_READ_POST);
        }
        return rule;
    }

    /** A predicate: {@code $viewer} and member {@code other} do not block each other (either way). */
    public static final String NOT_BLOCKED = "NOT EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(other) }";
}
