package org.rampe.social;

import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/** Follows, follow requests, blocks and mutes between members, each one relationship in the graph. */
@Repository
class RelationsRepository {

    /** What a follow attempt came to. */
    enum FollowOutcome { FOLLOWED, REQUESTED, ALREADY, BLOCKED, UNKNOWN }

    private final Graph graph;

    RelationsRepository(Graph graph) {
        this.graph = graph;
    }

    /** A member as the relation pages need them: who, and whether their account is private. */
    record Owner(String id, String handle, String displayName, boolean privateAccount) {
    }

    Optional<Owner> owner(String handle) {
        return graph.one("""
                MATCH (m:Member {handle: $handle})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS displayName, coalesce(m.privateAccount, false) AS private
                """, Map.of("handle", handle),
                r -> new Owner(r.get("id").asString(), r.get("handle").asString(), r.get("displayName").asString(""),
                        r.get("private").asBoolean()));
    }

    Relation relation(String viewer, String other) {
        return graph.one("""
                MATCH (v:Member {id: $viewer}), (o:Member {id: $other})
                RETURN EXISTS { (v)-[:FOLLOWS]->(o) } AS following,
                       EXISTS { (v)-[:REQUESTED_FOLLOW]->(o) } AS requested,
                       EXISTS { (o)-[:FOLLOWS]->(v) } AS followedBy,
                       EXISTS { (v)-[:BLOCKS]->(o) } AS blocking,
                       EXISTS { (o)-[:BLOCKS]->(v) } AS blockedBy,
                       EXISTS { (v)-[:MUTES]->(o) } AS muting
                """, Map.of("viewer", viewer, "other", other),
                r -> new Relation(r.get("following").asBoolean(), r.get("requested").asBoolean(),
                        r.get("followedBy").asBoolean(), r.get("blocking").asBoolean(), r.get("blockedBy").asBoolean(),
                        r.get("muting").asBoolean()))
                .orElse(Relation.NONE);
    }

    boolean follows(String follower, String followed) {
        return exists("RETURN EXISTS { MATCH (:Member {id: $a})-[:FOLLOWS]->(:Member {id: $b}) } AS yes", follower, followed);
    }

    boolean blockedEitherWay(String a, String b) {
        return exists("RETURN EXISTS { MATCH (:Member {id: $a})-[:BLOCKS]-(:Member {id: $b}) } AS yes", a, b);
    }

    boolean hasMuted(String muter, String muted) {
        return exists("RETURN EXISTS { MATCH (:Member {id: $a})-[:MUTES]->(:Member {id: $b}) } AS yes", muter, muted);
    }

    private boolean exists(String query, String a, String b) {
        return graph.exists(query, Map.of("a", a, "b", b));
    }

    /**
     * Follows {@code target}, or asks to when its account is private; nothing across a block. The
     * check and the change are one transaction; MERGE keeps a double click from making two.
     */
    FollowOutcome follow(String follower, String target) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return graph.inWrite(tx -> {
            var state = tx.run("""
                    MATCH (a:Member {id: $a}), (b:Member {id: $b})
                    RETURN EXISTS { (a)-[:BLOCKS]-(b) } AS blocked, EXISTS { (a)-[:FOLLOWS]->(b) } AS following,
                           coalesce(b.privateAccount, false) AS private
                    """, Map.of("a", follower, "b", target)).stream().findFirst();
            if (state.isEmpty()) {
                return FollowOutcome.UNKNOWN;
            }
            Record s = state.get();
            if (s.get("blocked").asBoolean()) {
                return FollowOutcome.BLOCKED;
            }
            if (s.get("following").asBoolean()) {
                return FollowOutcome.ALREADY;
            }
            String query = s.get("private").asBoolean()
                    ? "MERGE (a)-[r:REQUESTED_FOLLOW]->(b) ON CREATE SET r.at = $now RETURN r.at = $now AS created"
                    : """
                      OPTIONAL MATCH (a)-[q:REQUESTED_FOLLOW]->(b) DELETE q
                      MERGE (a)-[r:FOLLOWS]->(b) ON CREATE SET r.since = $now RETURN r.since = $now AS created""";
            boolean created = tx.run("MATCH (a:Member {id: $a}), (b:Member {id: $b}) WITH a, b " + query,
                    Map.of("a", follower, "b", target, "now", now)).single().get("created").asBoolean();
            if (!created) {
                return FollowOutcome.ALREADY;
            }
            return s.get("private").asBoolean() ? FollowOutcome.REQUESTED : FollowOutcome.FOLLOWED;
        });
    }

    /** Removes the follow (and any pending request); true when a follow was removed. */
    boolean unfollow(String follower, String target) {
        return graph.inWrite(tx -> {
            tx.run("MATCH (:Member {id: $a})-[q:REQUESTED_FOLLOW]->(:Member {id: $b}) DELETE q",
                    Map.of("a", follower, "b", target)).consume();
            return deleteFollow(tx, follower, target);
        });
    }

    private static boolean deleteFollow(TransactionContext tx, String follower, String target) {
        return tx.run("MATCH (:Member {id: $a})-[f:FOLLOWS]->(:Member {id: $b}) DELETE f RETURN count(*) AS n",
                Map.of("a", follower, "b", target)).single().get("n").asLong() > 0;
    }

    /** The request of {@code requester} becomes a follow; false when there was no request. */
    boolean approve(String owner, String requester) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return graph.writeOne("""
                MATCH (a:Member {id: $a})-[q:REQUESTED_FOLLOW]->(b:Member {id: $b})
                DELETE q
                MERGE (a)-[f:FOLLOWS]->(b) ON CREATE SET f.since = $now
                RETURN count(*) AS n
                """, Map.of("a", requester, "b", owner, "now", now), r -> r.get("n").asLong() > 0).orElseThrow();
    }

    boolean refuse(String owner, String requester) {
        return graph.writeOne("""
                MATCH (:Member {id: $a})-[q:REQUESTED_FOLLOW]->(:Member {id: $b}) DELETE q RETURN count(*) AS n
                """, Map.of("a", requester, "b", owner), r -> r.get("n").asLong() > 0).orElseThrow();
    }

    /** Every pending request to {@code owner} approved at once (the account became open); returns the new followers' ids. */
    List<String> approveAll(String owner) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return graph.writeList("""
                MATCH (a:Member)-[q:REQUESTED_FOLLOW]->(b:Member {id: $b})
                DELETE q
                MERGE (a)-[f:FOLLOWS]->(b) ON CREATE SET f.since = $now
                RETURN a.id AS id
                """, Map.of("b", owner, "now", now), r -> r.get("id").asString());
    }

    /** The follower no longer follows the owner; true when they did. */
    boolean removeFollower(String owner, String follower) {
        return graph.inWrite(tx -> deleteFollow(tx, follower, owner));
    }

    /**
     * Blocks {@code blocked}: follows and requests both ways go in the same transaction.
     *
     * @return the follows removed, as [follower, followed] pairs; empty when the block already existed
     */
    Optional<List<String[]>> block(String blocker, String blocked) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return graph.inWrite(tx -> {
            boolean created = tx.run("""
                    MATCH (a:Member {id: $a}), (b:Member {id: $b})
                    MERGE (a)-[r:BLOCKS]->(b) ON CREATE SET r.since = $now
                    RETURN r.since = $now AS created
                    """, Map.of("a", blocker, "b", blocked, "now", now)).single().get("created").asBoolean();
            List<String[]> removed = tx.run("""
                    MATCH (a:Member {id: $a})-[f:FOLLOWS]-(b:Member {id: $b})
                    WITH f, startNode(f).id AS follower, endNode(f).id AS followed
                    DELETE f
                    RETURN follower, followed
                    """, Map.of("a", blocker, "b", blocked)).list(r -> new String[] {r.get("follower").asString(), r.get("followed").asString()});
            tx.run("MATCH (:Member {id: $a})-[q:REQUESTED_FOLLOW]-(:Member {id: $b}) DELETE q",
                    Map.of("a", blocker, "b", blocked)).consume();
            return created ? Optional.of(removed) : Optional.empty();
        });
    }

    void unblock(String blocker, String blocked) {
        graph.write("MATCH (:Member {id: $a})-[r:BLOCKS]->(:Member {id: $b}) DELETE r", Map.of("a", blocker, "b", blocked));
    }

    /** True when the mute is new. */
    boolean mute(String muter, String muted) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return graph.writeOne("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b})
                MERGE (a)-[r:MUTES]->(b) ON CREATE SET r.since = $now
                RETURN r.since = $now AS created
                """, Map.of("a", muter, "b", muted, "now", now), r -> r.get("created").asBoolean()).orElse(false);
    }

    /** True when there was a mute to remove. */
    boolean unmute(String muter, String muted) {
        return graph.writeOne("""
                MATCH (:Member {id: $a})-[r:MUTES]->(:Member {id: $b})
                DELETE r
                RETURN count(*) AS removed
                """, Map.of("a", muter, "b", muted), r -> r.get("removed").asLong() > 0).orElseThrow();
    }

    /** Followers and followed members counted (approved follows only). */
    long[] counts(String member) {
        return graph.one("""
                MATCH (m:Member {id: $id})
                RETURN COUNT { (:Member)-[:FOLLOWS]->(m) } AS followers, COUNT { (m)-[:FOLLOWS]->(:Member) } AS following
                """, Map.of("id", member), r -> new long[] {r.get("followers").asLong(), r.get("following").asLong()})
                .orElse(new long[] {0, 0});
    }

    /** Which list of a member's relations, as the Cypher pattern from the member {@code m} to the listed {@code x}. */
    enum Listing {
        FOLLOWERS("(x)-[rel:FOLLOWS]->(m)"),
        FOLLOWING("(m)-[rel:FOLLOWS]->(x)"),
        REQUESTS("(x)-[rel:REQUESTED_FOLLOW]->(m)"),
        BLOCKED("(m)-[rel:BLOCKS]->(x)"),
        MUTED("(m)-[rel:MUTES]->(x)");

        final String pattern;

        Listing(String pattern) {
            this.pattern = pattern;
        }
    }

    /**
     * One page of a list, by handle, after the handle {@code after} (keyset: a deep page costs what
     * the first does, and a list that changes meanwhile neither repeats nor skips anyone). Members
     * who block the viewer, or whom the viewer blocks, are left out of followers and following.
     */
    List<MemberCard> list(String member, Listing listing, String viewer, String after, int limit) {
        return graph.list(listQuery(listing), Graph.params("id", member, "viewer", viewer, "after", after == null ? "" : after,
                "limit", limit), RelationsRepository::card);
    }

    /** The Cypher of one page of a list: from the member's id (unique index) along their relationships. */
    static String listQuery(Listing listing) {
        boolean hideBlocked = listing == Listing.FOLLOWERS || listing == Listing.FOLLOWING;
        return "MATCH (m:Member {id: $id})\nMATCH " + listing.pattern + "\nWHERE x.handle > $after"
                + (hideBlocked ? "\n  AND ($viewer IS NULL OR NOT EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(x) })" : "")
                + """

                RETURN x.id AS id, x.handle AS handle, x.displayName AS displayName, x.avatarImage AS avatarImage
                ORDER BY x.handle
                LIMIT $limit
                """;
    }

    static MemberCard card(Record r) {
        return new MemberCard(r.get("id").asString(), r.get("handle").asString(), r.get("displayName").asString(""),
                r.get("avatarImage").asString(null));
    }
}
