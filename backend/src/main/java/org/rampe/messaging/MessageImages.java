package org.rampe.messaging;

import java.util.Optional;
import java.util.UUID;

import org.rampe.images.ImageDecodes;
import org.rampe.images.ImageStore;
import org.rampe.images.Images;
import org.rampe.social.PostText;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Messages with an image, and serving those images. The upload gets the checks of post images
 * (recognised by its bytes, size-limited, re-encoded to JPEG without its metadata) and a mandatory
 * alt text; its file is kept before the message is stored (as {@link org.rampe.social.Posts} does)
 * and removed again when nothing was stored (a refusal) or the client id was already stored (a
 * resend keeps the first message and its image). The image of a message is served only to who may
 * read the message, never through the post images' route (which only finds images of posts).
 *
 * <p>Public for the browser tests and moderation's, which send messages with images through it.
 */
@Service
public class MessageImages {

    /** As post images: under the container's request cap with room for the text. */
    static final long MAX_BYTES = 6L * 1024 * 1024;
    static final int MAX_ALT = 1_000;

    static final String TOO_LARGE = "messaging.image.tooLarge";
    static final String ALT_REQUIRED = "messaging.alt.required";
    static final String ALT_TOO_LONG = "messaging.alt.tooLong";
    static final String ALT_WITHOUT_IMAGE = "messaging.image.missing";

    private final Messaging messaging;
    private final MessageRepository repository;
    private final ImageStore store;
    private final ImageDecodes decodes;

    MessageImages(Messaging messaging, MessageRepository repository, ImageStore store, ImageDecodes decodes) {
        this.decodes = decodes;
        this.messaging = messaging;
        this.repository = repository;
        this.store = store;
    }

    /**
     * Sends a message, with the uploaded image when there is one (null or empty: a text message as
     * {@link Messaging#send(String, String, String, String)}). Refused, nothing kept, with a key
     * under {@code messaging.image.} (the file) or {@code messaging.alt.} (its description), or a
     * refusal of {@link Messaging#send}.
     */
    public Sent send(String memberId, String conversationId, String clientId, String text, MultipartFile upload, String alt) {
        String description = alt(alt);
        if (upload == null || upload.isEmpty()) {
            if (!description.isEmpty()) {
                throw new MessagingRefusal(ALT_WITHOUT_IMAGE);
            }
            return messaging.send(memberId, conversationId, clientId, text);
        }
        Messaging.caption(text); // a too long text is said before the image is decoded
        if (upload.getSize() > MAX_BYTES) {
            throw new MessagingRefusal(TOO_LARGE, MAX_BYTES / (1024 * 1024));
        }
        if (description.isEmpty()) {
            throw new MessagingRefusal(ALT_REQUIRED);
        }
        if (PostText.length(description) > MAX_ALT) {
            throw new MessagingRefusal(ALT_TOO_LONG, MAX_ALT);
        }
        // Decoded (within the capacity for decodes) only once the send allowance let it through.
        String imageId = UUID.randomUUID().toString();
        Sent sent;
        try {
            sent = messaging.send(memberId, conversationId, clientId, text, () -> {
                Images.Cleaned cleaned;
                try {
                    cleaned = decodes.clean(upload);
                } catch (Images.Refused refused) {
                    throw new MessagingRefusal(refused.code().replace("photo.file.", "messaging.image."));
                }
                // Kept before the message, so a stored message never points at a missing file.
                store.put(imageId, cleaned.jpeg());
                return new NewImage(imageId, description, cleaned.width(), cleaned.height());
            });
        } catch (RuntimeException e) {
            store.delete(imageId);
            throw e;
        }
        if (sent.duplicate()) {
            store.delete(imageId);
        }
        return sent;
    }

    /** The JPEG of a message's image, for a viewer who may read that message now; empty for anyone else. */
    Optional<byte[]> image(String viewerId, String imageId) {
        if (viewerId == null || !repository.canSeeImage(viewerId, imageId)) {
            return Optional.empty();
        }
        return store.get(imageId);
    }

    /** An alt text as stored: NFC, trimmed, on one line. */
    static String alt(String alt) {
        return PostText.normalise(alt).replaceAll("\\s+", " ");
    }
}
