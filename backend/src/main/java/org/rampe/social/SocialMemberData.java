package org.rampe.social;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.neo4j.driver.Value;
import org.rampe.images.ImageStore;
import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.rampe.members.MemberId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The profile, relations (follows, requests, blocks, mutes), posts, comments, reactions and mentions.
 *
 * <p>Archive: {@code posts.json}, {@code comments.json}, {@code reactions.json}, {@code follows.json},
 * {@code blocks-and-mutes.json}, and {@code images/} (post images, the avatar). The profile fields
 * themselves go into {@code profile.json}, written for every feature by the account's part.
 *
 * <p>Erasure: relations both ways, reactions given, mentions of the member, the avatar go. Posts
 * and comments go too (REMOVE), or stay under the one former member (ANONYMISE) — except the posts
 * whose readers were the member's followers (a followers-only post, or any post outside groups of a
 * private account): kept, they would reach nobody or, worse, everyone, so they are removed either
 * way; and the photos of kept posts, which may show the member, are removed. Removed posts take the
 * comments under them, as deleting a post does, and their {@code PostDeleted} events clear feeds
 * and notifications.
 */
@Component
class SocialMemberData implements MemberData {

    private final MemberContentRepository repository;
    private final ImageStore store;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;

    SocialMemberData(MemberContentRepository repository, ImageStore store, ApplicationEventPublisher events,
                     MessageSource messages) {
        this.repository = repository;
        this.store = store;
        this.events = events;
        this.messages = messages;
    }

    @Override
    public Coverage covers() {
        return new Coverage("social",
                Set.of("FOLLOWS", "REQUESTED_FOLLOW", "BLOCKS", "MUTES", "POSTED", "WROTE", "REACTED", "MENTIONS", "HAS_AVATAR"),
                Set.of("bio", "pronouns", "languages", "city", "avatarImage", "privateAccount"));
    }

    // ---------------------------------------------------------------- archive

    record GroupRef(String id, String name) {
    }

    record ImageRef(String id, String alt, String file) {
    }

    record PostItem(String id, Instant createdAt, Instant editedAt, String text, String contentWarning, String language,
                    String visibility, GroupRef group, List<ImageRef> images) {
    }

    record CommentItem(String id, String postId, String replyTo, Instant createdAt, Instant editedAt, String text) {
    }

    record ReactionItem(String targetKind, String targetId, String postId, String reaction, Instant at) {
    }

    record RelationItem(String handle, Instant since) {
    }

    @Override
    public void export(MemberArchive archive) {
        String member = archive.member().value();
        archive.json("posts.json", json -> json.field("format", 1).array("posts", items -> repository.posts(member, r ->
                items.add(new PostItem(r.get("id").asString(), instant(r.get("createdAt")), instant(r.get("editedAt")),
                        r.get("text").asString(""), r.get("contentWarning").asString(""), r.get("language").asString(""),
                        r.get("visibility").asString("public"),
                        r.get("groupId").isNull() ? null : new GroupRef(r.get("groupId").asString(), r.get("groupName").asString("")),
                        r.get("images").asList(i -> new ImageRef(i.get("id").asString(), i.get("alt").asString(""),
                                "images/post-" + i.get("id").asString() + ".jpg")))))));
        archive.json("comments.json", json -> json.field("format", 1).array("comments", items -> repository.comments(member, r ->
                items.add(new CommentItem(r.get("id").asString(), r.get("postId").asString(), r.get("replyTo").asString(null),
                        instant(r.get("createdAt")), instant(r.get("editedAt")), r.get("text").asString(""))))));
        archive.json("reactions.json", json -> json.field("format", 1).array("reactions", items -> repository.reactions(member, r ->
                items.add(new ReactionItem(r.get("targetKind").asString(), r.get("targetId").asString(), r.get("postId").asString(),
                        r.get("reaction").asString(), instant(r.get("at")))))));
        archive.json("follows.json", json -> json.field("format", 1)
                .array("following", items -> relations(member, "FOLLOWS", true, items))
                .array("followers", items -> relations(member, "FOLLOWS", false, items))
                .array("followRequestsSent", items -> relations(member, "REQUESTED_FOLLOW", true, items))
                .array("followRequestsReceived", items -> relations(member, "REQUESTED_FOLLOW", false, items)));
        archive.json("blocks-and-mutes.json", json -> json.field("format", 1)
                .array("blocked", items -> relations(member, "BLOCKS", true, items))
                .array("muted", items -> relations(member, "MUTES", true, items)));
        repository.images(member, r -> {
            String id = r.get("id").asString();
            String name = "avatar".equals(r.get("kind").asString()) ? "avatar" : "post-" + id;
            store.get(id).ifPresent(jpeg -> archive.image(name, jpeg, r.get("alt").asString("")));
        });
    }

    private void relations(String member, String type, boolean outgoing, MemberArchive.JsonArray items) {
        repository.relations(member, type, outgoing, r -> {
            if (!r.get("handle").isNull()) {
                items.add(new RelationItem(r.get("handle").asString(), instant(r.get("at"))));
            }
        });
    }

    static Instant instant(Value v) {
        return v == null || v.isNull() ? null : v.asZonedDateTime().toInstant();
    }

    // ---------------------------------------------------------------- erasure

    @Override
    public void erase(Erasure erasure) {
        String member = erasure.member().value();
        // No MemberUnfollowed events: the feed would drop the member's group posts too, which stay
        // in the group members' feeds. Followers' inbox entries of kept posts outside groups are
        // skipped when read (nobody follows the former member) and leave with trimming.
        repeat(() -> repository.removeRelationships(member, "relations"));
        repeat(() -> repository.removeRelationships(member, "reactions"));
        repeat(() -> repository.removeRelationships(member, "mentions"));
        repository.removeAvatar(member).forEach(store::delete);
        removePosts(member, !erasure.removesContent());
        if (erasure.removesContent()) {
            repeat(() -> repository.removeComments(member));
        } else {
            for (List<String> images; !(images = repository.removePostImages(member)).isEmpty(); ) {
                images.forEach(store::delete);
            }
            String former = Erasure.FORMER_MEMBER_ID;
            repeat(() -> repository.anonymisePosts(member, former));
            repeat(() -> repository.anonymiseComments(member, former));
        }
    }

    /** Removes the member's posts (all, or only those bound to their followers), batch by batch, then their files, then tells the feed and notifications. */
    private void removePosts(String member, boolean onlyAudienceBound) {
        for (var removed = repository.removePosts(member, onlyAudienceBound); !removed.posts().isEmpty();
             removed = repository.removePosts(member, onlyAudienceBound)) {
            removed.images().forEach(store::delete);
            removed.posts().forEach(p -> events.publishEvent(new SocialEvents.PostDeleted(p, member)));
        }
    }

    private static void repeat(Supplier<Long> batch) {
        while (batch.get() > 0) {
            // another batch
        }
    }

    @Override
    public List<String> foresee(MemberId member, Locale locale) {
        long bound = repository.audienceBoundPosts(member.value());
        return bound == 0 ? List.of()
                : List.of(messages.getMessage("contentdata.foresee.followersPosts", new Object[] {bound}, locale));
    }
}
