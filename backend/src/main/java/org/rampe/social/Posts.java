package org.rampe.social;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rampe.images.ImageStore;
import org.rampe.images.Images;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Posts: writing, editing and deleting them (author only), and reading them as cards, always
 * through {@link PostReadability}. The feed and group pages reuse {@link #cards}.
 */
@Service
public class Posts {

    static final int TIMELINE_PAGE = 20;

    private final PostRepository repository;
    private final ImageStore store;
    private final ApplicationEventPublisher events;

    Posts(PostRepository repository, ImageStore store, ApplicationEventPublisher events) {
        this.repository = repository;
        this.store = store;
        this.events = events;
    }

    /** A cleaned image with its text alternative, ready to keep. */
    public record NewImage(Images.Cleaned image, String alt) {
    }

    /** A valid post as the form sends it (text normalised, limits checked). */
    public record Draft(String text, String contentWarning, String language, String visibility) {
    }

    /** Keeps the images, then the post with its mentions; tells the feed and the mentioned members. */
    public String write(String author, Draft draft, List<NewImage> images) {
        String id = UUID.randomUUID().toString();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String imageId = UUID.randomUUID().toString();
            NewImage image = images.get(i);
            store.put(imageId, image.image().jpeg());
            kept.add(Map.of("id", imageId, "alt", image.alt(), "position", i,
                    "width", image.image().width(), "height", image.image().height()));
        }
        Set<String> mentioned;
        try {
            mentioned = repository.create(id, author, draft, kept);
        } catch (RuntimeException e) {
            kept.forEach(k -> store.delete((String) k.get("id")));
            throw e;
        }
        events.publishEvent(new SocialEvents.PostPublished(id, author));
        mentioned.forEach(m -> events.publishEvent(new SocialEvents.Mentioned(m, author, id, null)));
        return id;
    }

    /**
     * Writes a post in a group ({@code visibility = 'group'}, {@code IN_GROUP}), as {@link #write}
     * does otherwise (mentions, events). The group feature has checked the author may post there;
     * the write checks it again in the same transaction (a member of the group, neither muted in
     * it nor banned from it) and returns empty if not.
     */
    public Optional<String> writeInGroup(String author, String groupId, String text, String contentWarning, String language) {
        String id = UUID.randomUUID().toString();
        Optional<Set<String>> mentioned = repository.createInGroup(id, author, groupId, PostText.normalise(text),
                PostText.normalise(contentWarning).replaceAll("\\s+", " "), language);
        if (mentioned.isEmpty()) {
            return Optional.empty();
        }
        events.publishEvent(new SocialEvents.PostPublished(id, author));
        mentioned.get().forEach(m -> events.publishEvent(new SocialEvents.Mentioned(m, author, id, null)));
        return Optional.of(id);
    }

    /** Changes the text, warning, language, visibility and image descriptions of the author's post. */
    boolean edit(PostId id, String author, Draft draft, List<String> alts) {
        var result = repository.edit(id.value(), author, draft, alts);
        if (!result.found()) {
            return false;
        }
        if (result.visibilityChanged()) {
            events.publishEvent(new SocialEvents.PostPublished(id.value(), author));
        }
        events.publishEvent(new SocialEvents.ContentEdited("post", id.value(), author));
        result.mentioned().forEach(m -> events.publishEvent(new SocialEvents.Mentioned(m, author, id.value(), null)));
        return true;
    }

    /** Removes the author's post with its comments, reactions, mentions and images. */
    boolean delete(PostId id, String author) {
        var imageIds = repository.delete(id.value(), author);
        if (imageIds.isEmpty()) {
            return false;
        }
        imageIds.get().forEach(store::delete);
        events.publishEvent(new SocialEvents.PostDeleted(id.value(), author));
        return true;
    }

    /** The post as {@code viewer} (null for a visitor) sees it, if they may read it. */
    Optional<PostCard> find(PostId id, String viewer) {
        return cards(List.of(id.value()), viewer).stream().findFirst();
    }

    /**
     * The cards of the given posts that {@code viewer} (null for a visitor) may read, in the order
     * of {@code ids}; unknown and unreadable posts are left out. One round trip.
     */
    public List<PostCard> cards(List<String> ids, String viewer) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return repository.cards(ids, viewer);
    }

    /** One page of a member's posts that the viewer may read, newest first. */
    record Timeline(String authorId, String authorHandle, String authorName, List<PostCard> posts, String older) {
    }

    /** The timeline of {@code handle}, from just before {@code cursor} (null for the newest). */
    Optional<Timeline> timeline(String handle, String viewer, String cursor) {
        var position = Cursor.parse(cursor);
        return repository.timeline(handle, viewer, position.map(Cursor::at).orElse(null), position.map(Cursor::id).orElse(null),
                TIMELINE_PAGE + 1).map(found -> {
                    List<String> ids = found.ids();
                    List<String> page = ids.size() > TIMELINE_PAGE ? ids.subList(0, TIMELINE_PAGE) : ids;
                    List<PostCard> cards = cards(page, viewer);
                    String older = ids.size() > TIMELINE_PAGE && !cards.isEmpty() ? Cursor.of(cards.getLast()) : null;
                    return new Timeline(found.authorId(), handle, found.authorName(), cards, older);
                });
    }

    /** The JPEG of a post image, only for a viewer who may read its post. */
    Optional<byte[]> image(ImageId imageId, String viewer) {
        return repository.imageReadable(imageId.value(), viewer) ? store.get(imageId.value()) : Optional.empty();
    }

    /** Keyset position in a timeline: the creation time and id of the last post shown. */
    record Cursor(ZonedDateTime at, String id) {

        static String of(PostCard last) {
            return last.createdAt().withZoneSameInstant(ZoneId.of("UTC")).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    + "_" + last.id();
        }

        static Optional<Cursor> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            int cut = text.lastIndexOf('_');
            if (cut < 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Cursor(ZonedDateTime.parse(text.substring(0, cut), DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                        UUID.fromString(text.substring(cut + 1)).toString()));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
