package org.rampe.social;

import java.util.regex.Pattern;

/**
 * Who may read a post: the one rule every query that shows posts applies, given to other features
 * as a Cypher predicate to put in their own {@code WHERE}, so that a feed page or a notification
 * list is still one statement. The caller names its variables; the predicate never guesses them.
 *
 * <ul>
 * <li>Moderation first: a post hidden by moderators ({@code moderation = 'hidden'}) is read by its
 * author only (the moderators read it in their queue, which does not use this rule); a removed one
 * ({@code 'removed'}) by nobody.</li>
 * <li>The author always sees their own posts.</li>
 * <li>Nobody sees the posts of a member they block or who blocks them.</li>
 * <li>A public post of an open account is seen by everyone, visitors included.</li>
 * <li>A group post ({@code visibility = 'group'}, {@code (post)-[:IN_GROUP]->(:Group)}) is seen by the
 * members of its group, and by everyone (visitors included) when the group is public — whatever the
 * author's account; followers get nothing more.</li>
 * <li>Otherwise (a followers-only post, or any post of a private account) only approved followers see it.</li>
 * </ul>
 * Muting is not here: a muted author's posts stay readable by link, they only leave the muter's
 * feed and notifications.
 *
 * <p>The predicate uses the variable {@code pg} inside its own subqueries: the calling query must
 * not bind a variable of that name. Every variable name is checked to be a plain identifier.
 */
public final class PostReadability {

    /** %1$s the post, %2$s its author, %3$s the reader's id, %4$s the reader as a pattern node. */
    private static final String RULE = """
            ((%1$s.moderation IS NULL OR (%1$s.moderation = 'hidden' AND %2$s.id = %3$s))
            AND (%2$s.id = %3$s
             OR (NOT EXISTS { MATCH %4$s-[:BLOCKS]-(%2$s) }
                 AND CASE WHEN %1$s.visibility = 'group'
                     THEN EXISTS { MATCH (%1$s)-[:IN_GROUP]->(pg:Group)
                                   WHERE pg.kind = 'public' OR EXISTS { MATCH %4$s-[:MEMBER_OF]->(pg) } }
                     ELSE ((%1$s.visibility = 'public' AND NOT coalesce(%2$s.privateAccount, false))
                           OR EXISTS { MATCH %4$s-[:FOLLOWS]->(%2$s) }) END)))""";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PostReadability() {
    }

    /**
     * A predicate: the member whose id is the parameter {@code $<readerIdParameter>} (null for a
     * visitor) may read {@code post}, written by {@code author}; for queries that know the reader by
     * id only.
     */
    public static String byReaderId(String post, String author, String readerIdParameter) {
        String id = "$" + identifier(readerIdParameter);
        return RULE.formatted(identifier(post), identifier(author), id, "(:Member {id: " + id + "})");
    }

    /**
     * The same predicate with the reader already bound to the node variable {@code reader} (null for
     * a visitor): the planner then checks a follow or a block between two known members
     * (Expand(Into)) instead of walking through all the followers of a popular author.
     */
    public static String byReader(String post, String author, String reader) {
        String r = identifier(reader);
        return RULE.formatted(identifier(post), identifier(author), r + ".id", "(" + r + ")");
    }

    private static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches() || name.equals("pg")) {
            throw new IllegalArgumentException("not a usable Cypher variable: " + name);
        }
        return name;
    }
}
