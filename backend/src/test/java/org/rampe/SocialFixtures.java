package org.rampe;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.rampe.graph.Transactions;
import org.rampe.social.SocialEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The social model written with Cypher as the profiles and posts features write it (graph-schema
 * README, "Social core"), each change followed by the event those features publish.
 */
public final class SocialFixtures {

    private final Driver driver;
    private final ApplicationEventPublisher events;

    public SocialFixtures(Driver driver, ApplicationEventPublisher events) {
        this.driver = driver;
        this.events = events;
    }

    public String member(String handle) {
        return member(handle, false);
    }

    public String member(String handle, boolean privateAccount) {
        String id = UUID.randomUUID().toString();
        Transactions.write(driver, tx -> tx.run("""
                CREATE (:Member {id: $id, email: $handle + '@example.org', handle: $handle, displayName: $name,
                                 passwordHash: 'none', language: 'fr', createdAt: datetime(), privateAccount: $private})
                """, Map.of("id", id, "handle", handle, "name", displayName(handle), "private", privateAccount)).consume());
        return id;
    }

    /** Signs up through the real form; returns the session (the member's id via {@link #idOf}). */
    public static MockHttpSession signUp(MockMvc mvc, String handle, String language) throws Exception {
        return (MockHttpSession) mvc.perform(MockMvcRequestBuilders.post("/signup").with(csrf()).param("email", handle + "@example.org")
                        .param("handle", handle).param("displayName", displayName(handle))
                        .param("password", "a long enough password").param("language", language))
                .andReturn().getRequest().getSession();
    }

    public static String displayName(String handle) {
        return Character.toUpperCase(handle.charAt(0)) + handle.substring(1);
    }

    public String idOf(String handle) {
        return Transactions.read(driver, tx -> tx.run("MATCH (m:Member {handle: $h}) RETURN m.id AS id",
                Map.of("h", handle)).single().get("id").asString());
    }

    public void follow(String follower, String followed) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b})
                OPTIONAL MATCH (a)-[r:REQUESTED_FOLLOW]->(b) DELETE r
                MERGE (a)-[:FOLLOWS {since: datetime()}]->(b)
                """, Map.of("a", follower, "b", followed)).consume());
        events.publishEvent(new SocialEvents.MemberFollowed(follower, followed));
    }

    public void requestFollow(String requester, String target) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b}) MERGE (a)-[:REQUESTED_FOLLOW {at: datetime()}]->(b)
                """, Map.of("a", requester, "b", target)).consume());
        events.publishEvent(new SocialEvents.FollowRequested(requester, target));
    }

    public void unfollow(String follower, String followed) {
        Transactions.write(driver, tx -> tx.run("MATCH (:Member {id: $a})-[f:FOLLOWS]->(:Member {id: $b}) DELETE f",
                Map.of("a", follower, "b", followed)).consume());
        events.publishEvent(new SocialEvents.MemberUnfollowed(follower, followed));
    }

    /** As the profiles feature blocks: follows and requests both ways go, then the block. */
    public void block(String blocker, String blocked) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b})
                OPTIONAL MATCH (a)-[r:FOLLOWS|REQUESTED_FOLLOW]-(b) DELETE r
                MERGE (a)-[:BLOCKS {since: datetime()}]->(b)
                """, Map.of("a", blocker, "b", blocked)).consume());
        events.publishEvent(new SocialEvents.MemberBlocked(blocker, blocked));
    }

    public void mute(String muter, String muted) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b}) MERGE (a)-[:MUTES {since: datetime()}]->(b)
                """, Map.of("a", muter, "b", muted)).consume());
        events.publishEvent(new SocialEvents.MemberMuted(muter, muted));
    }

    /** As the relations feature unmutes: the mute goes, and the event only if there was one. */
    public void unmute(String muter, String muted) {
        long removed = Transactions.write(driver, tx -> tx.run("""
                MATCH (:Member {id: $a})-[r:MUTES]->(:Member {id: $b}) DELETE r RETURN count(*) AS n
                """, Map.of("a", muter, "b", muted)).single().get("n").asLong());
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
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $author})
                CREATE (m)-[:POSTED]->(:Post {id: $id, text: $text, contentWarning: '', language: 'fr',
                                              visibility: $visibility, createdAt: $at})
                """, p).consume());
        events.publishEvent(new SocialEvents.PostPublished(id, author));
        return id;
    }

    public void deletePost(String author, String post) {
        Transactions.write(driver, tx -> tx.run("MATCH (p:Post {id: $id}) DETACH DELETE p", Map.of("id", post)).consume());
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
        var authors = Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $author}), (postAuthor:Member)-[:POSTED]->(p:Post {id: $post})
                CREATE (m)-[:WROTE]->(c:Comment {id: $id, text: $text, createdAt: datetime()})-[:ON]->(p)
                WITH c, postAuthor
                OPTIONAL MATCH (parentAuthor:Member)-[:WROTE]->(parent:Comment {id: $parent})
                FOREACH (_ IN CASE WHEN parent IS NULL THEN [] ELSE [1] END | CREATE (c)-[:REPLY_TO]->(parent))
                RETURN postAuthor.id AS postAuthor, parentAuthor.id AS parentAuthor
                """, p).single());
        events.publishEvent(new SocialEvents.CommentWritten(id, post, author, authors.get("postAuthor").asString(),
                parentComment, authors.get("parentAuthor").asString(null)));
        return id;
    }

    public void react(String by, String targetKind, String targetId, String post, String owner, String reaction) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $by}), (t {id: $target}) WHERE t:Post OR t:Comment
                MERGE (m)-[r:REACTED {reaction: $reaction}]->(t) ON CREATE SET r.at = datetime()
                """, Map.of("by", by, "target", targetId, "reaction", reaction)).consume());
        events.publishEvent(new SocialEvents.Reacted(targetKind, targetId, post, by, owner, reaction));
    }

    public void mention(String by, String mentioned, String post, String comment) {
        events.publishEvent(new SocialEvents.Mentioned(mentioned, by, post, comment));
    }
}
