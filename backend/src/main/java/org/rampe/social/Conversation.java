package org.rampe.social;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Comments (threads of replies) and reactions on posts. Everything starts from a post the member
 * may read ({@link PostReadability}); nothing crosses a block. The checks are the repositories'
 * ({@link CommentRepository}, {@link ReactionRepository}), in the transaction of each change;
 * the events are published here once it has committed.
 */
@Service
public class Conversation {

    /**
     * How an attempt came out: not found covers "may not read" too, so nothing leaks. MUTED and
     * BANNED: refused in a group whose moderators muted or banned the member (they are told why).
     */
    public enum Outcome { DONE, NOT_FOUND, FORBIDDEN, LOCKED, MUTED, BANNED }

    /** The outcome, and the id it concerns once done (the new comment; the post of a comment). */
    public record Result(Outcome outcome, String id) {
    }

    /** What a comment's author may edit: its text and the post it belongs to. */
    record OwnComment(String id, String post, String text) {
    }

    private final CommentRepository comments;
    private final ReactionRepository reactions;
    private final ApplicationEventPublisher events;

    Conversation(CommentRepository comments, ReactionRepository reactions, ApplicationEventPublisher events) {
        this.comments = comments;
        this.reactions = reactions;
        this.events = events;
    }

    /** The thread of a post as a tree, oldest first at each level; empty if the viewer may not read the post. */
    List<CommentView> thread(String post, String viewer) {
        return comments.thread(post, viewer);
    }

    /**
     * Whether {@code viewer} may change the comment: FORBIDDEN when it is someone else's (or
     * deleted), NOT_FOUND when unknown or on a post they may not read.
     */
    Outcome mayChange(CommentId comment, String viewer) {
        return comments.mayChange(comment.value(), viewer);
    }

    Optional<OwnComment> own(CommentId comment, String viewer) {
        return comments.own(comment.value(), viewer);
    }

    /**
     * Writes a comment on a post the writer may read, as a reply to {@code parent} when given (a
     * comment of the same post whose author does not block the writer, nor is blocked by them).
     */
    public Result comment(String post, String parent, String writer, String text) {
        String id = UUID.randomUUID().toString();
        var written = comments.create(id, post, parent, writer, text);
        if (written.outcome() == Outcome.DONE) {
            events.publishEvent(new SocialEvents.CommentWritten(id, post, writer, written.postAuthor(),
                    parent, written.parentAuthor()));
            written.mentioned().forEach(m -> events.publishEvent(new SocialEvents.Mentioned(m, writer, post, id)));
        }
        return new Result(written.outcome(), written.outcome() == Outcome.DONE ? id : null);
    }

    /** Changes the text of the writer's own comment; mentions are worked out again. */
    boolean edit(String comment, String writer, String text) {
        var edited = comments.edit(comment, writer, text);
        edited.ifPresent(e -> e.mentioned().forEach(m ->
                events.publishEvent(new SocialEvents.Mentioned(m, writer, e.post(), comment))));
        edited.ifPresent(e -> events.publishEvent(new SocialEvents.ContentEdited("comment", comment, writer)));
        return edited.isPresent();
    }

    /**
     * Deletes the writer's own comment; returns its post. One with replies keeps its place in the
     * thread, emptied and no longer tied to its author, so the replies still read in order.
     */
    Optional<String> delete(String comment, String writer) {
        return comments.delete(comment, writer);
    }

    /** Adds the reaction if the member had not chosen it on the post, removes it otherwise. */
    public Outcome reactToPost(String post, String member, Reaction reaction) {
        var t = reactions.toggleOnPost(post, member, reaction);
        if (t.added()) {
            events.publishEvent(new SocialEvents.Reacted("post", post, post, member, t.owner(), reaction.key()));
        }
        return t.outcome();
    }

    /** The same for a comment: its post must be readable, and no block between the member and the comment's author. */
    Result reactToComment(CommentId comment, String member, Reaction reaction) {
        var t = reactions.toggleOnComment(comment.value(), member, reaction);
        if (t.added()) {
            events.publishEvent(new SocialEvents.Reacted("comment", comment.value(), t.post(), member, t.owner(), reaction.key()));
        }
        return new Result(t.outcome(), t.post());
    }
}
