package org.rampe.social;

import java.util.Optional;

import org.rampe.site.MalformedId;

/** A comment's application id, bound from {@code /comments/{id}}: anything but a UUID is a 404 ({@link MalformedId}). */
record CommentId(String value) {

    public CommentId {
        value = MalformedId.canonicalUuid(value, "comment");
    }

    /** The id a form sent (the comment replied to); empty when it is not a UUID. */
    static Optional<CommentId> parse(String value) {
        try {
            return Optional.of(new CommentId(value));
        } catch (MalformedId e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
