package org.rampe.feed;

import java.time.Instant;

import org.rampe.social.PostText;

/** What a feed card shows of a post. */
public record FeedPost(String id, String authorHandle, String authorName, String text, String contentWarning,
                       String language, String visibility, Instant createdAt) {

    /** The text as safe HTML; mentions stay plain text here (the post page links them). */
    public String html() {
        return PostText.html(text, handle -> false);
    }

    public boolean hasContentWarning() {
        return contentWarning != null && !contentWarning.isBlank();
    }

    /** The language for {@code lang}, or null when unknown (the attribute is then left out). */
    public String lang() {
        return language == null || language.isBlank() ? null : language;
    }
}
