package org.rampe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.rampe.graph.Graph;
import org.rampe.social.SocialEvents;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The social model written with Cypher as the profiles and posts features write it (graph-schema
 * README, "Social core"), each change followed by the event those features publish. The members
 * themselves come from {@link TestMembers}.
 */
public final class SocialFixtures {

    private final Graph graph;
    private final ApplicationEventPublisher events;

    public SocialFixtures(Graph graph, ApplicationEventPublisher events) {
        this.graph = graph;
        this.events = events;
    }

    public void follow(String follower, String followed) {
        graph.write("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b})
                OPTIONAL MATCH (a)-[r:REQUESTED_FOLLOW]->(b) DELETE r
                MERGE (a)-[:FOLLOWS {since: datetime()}]->(b)
                """, Map.of("a", follower, "b", followed));
        events.publishEvent(new SocialEvents.MemberFollowed(follower, followed));
    }

    public void requestFollow(String requester, String target) {
        graph.write("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b}) MERGE (a)-[:REQUESTED_FOLLOW {at: datetime()}]->(b)
                """, Map.of("a", requester, "b", target));
        events.publishEvent(new SocialEvents.FollowRequested(requester, target));
    }

    public void unfollow(String follower, String followed) {
        graph.write("MATCH (:Member {id: $a})-[f:FOLLOWS]->(:Member {id: $b}) DELETE f", Map.of("a", follower, "b", followed));
        events.publishEvent(new SocialEvents.MemberUnfollowed(follower, followed));
    }

    /** As the profiles feature blocks: follows and requests both ways go, then the block. */
    public void block(String blocker, String blocked) {
        graph.write("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b})
                OPTIONAL MATCH (a)-[r:FOLLOWS|REQUESTED_FOLLOW]-(b) DELETE r
                MERGE (a)-[:BLOCKS {since: datetime()}]->(b)
                """, Map.of("a", blocker, "b", blocked));
        events.publishEvent(new SocialEvents.MemberBlocked(blocker, blocked));
    }

    public void mute(String muter, String muted) {
        graph.write("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b}) MERGE (a)-[:MUTES {since: datetime()}]->(b)
                """, Map.of("a", muter, "b", muted));
        events.publishEvent(new SocialEvents.MemberMuted(muter, muted));
    }

    /** As the relations feature unmutes: the mute goes, and the event only if there was one. */
    public void unmute(String muter, String muted) {
        long removed = graph.writeOne("""
                MATCH (:Member {id: $a})-[r:MUTES]->(:Member {id: $b}) DELETE r RETURN count(*) AS n
                """, Map.of("a", muter, "b", muted), r -> r.get("n").asLong()).orElseThrow();
        if (removed > 0) {
            events.publishEvent(new SocialEvents.MemberUnmuted(muter, muted));
        }
    }

    public String post(String author, String text) {
        return post(author, text, "public", Instant.now());
    }

    public String post(String author, String text, String visibility, Instant at) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> p = new HashMap<>();
        p.put("author", author);
        p.put("id", id);
        p.put("text", text);
        p.put("visibility", visibility);
        p.put("at", at.atOffset(ZoneOffset.UTC));
        graph.write("""
                MATCH (m:Member {id: $author})
                CREATE (m)-[:POSTED]->(:Post {id: $id, text: $text, contentWarning: '', language: 'fr',
                                              visibility: $visibility, createdAt: $at})
                """, p);
        events.publishEvent(new SocialEvents.PostPublished(id, author));
        return id;
    }

    public void deletePost(String author, String post) {
        graph.write("MATCH (p:Post {id: $id}) DETACH DELETE p", Map.of("id", post));
        events.publishEvent(new SocialEvents.PostDeleted(post, author));
    }

    public String comment(String author, String post, String parentComment, String text) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> p = new HashMap<>();
        p.put("author", author);
        p.put("post", post);
        p.put("parent", parentComment);
        p.put("id", id);
        p.put("text", text);
        var authors = graph.writeOne("""
                MATCH (m:Member {id: $author}), (postAuthor:Member)-[:POSTED]->(p:Post {id: $post})
                CREATE (m)-[:WROTE]->(c:Comment {id: $id, text: $text, createdAt: datetime()})-[:ON]->(p)
                WITH c, postAuthor
                OPTIONAL MATCH (parentAuthor:Member)-[:WROTE]->(parent:Comment {id: $parent})
                FOREACH (_ IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | CREATE (c)-[:REPLY_TO]->(parent))
                RETURN postAuthor.id AS postAuthor, parentAuthor.id AS parentAuthor
                """, p, r -> r).orElseThrow();
        events.publishEvent(new SocialEvents.CommentWritten(id, post, author, authors.get("postAuthor").asString(),
                parentComment, authors.get("parentAuthor").asString(null)));
        return id;
    }

    public void react(String by, String targetKind, String targetId, String post, String owner, String reaction) {
        graph.write("""
                MATCH (m:Member {id: $by}), (t {id: $target}) WHERE t:Post OR t:Comment
                MERGE (m)-[r:REACTED {reaction: $reaction}]->(t) ON CREATE SET r.at = datetime()
                """, Map.of("by", by, "target", targetId, "reaction", reaction));
        events.publishEvent(new SocialEvents.Reacted(targetKind, targetId, post, by, owner, reaction));
    }

    public void mention(String by, String mentioned, String post, String comment) {
        events.publishEvent(new SocialEvents.Mentioned(mentioned, by, post, comment));
    }
}
