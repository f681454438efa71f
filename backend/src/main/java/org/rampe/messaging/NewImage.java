package org.rampe.messaging;

import java.util.Map;

/**
 * The image of a message being sent: its cleaned JPEG is already kept under {@code id} by the
 * {@link org.rampe.images.ImageStore} (see {@link MessageImages}), the alt text checked.
 */
record NewImage(String id, String alt, int width, int height) {

    /** The properties of its {@code :Image} node, as the send query takes them. */
    Map<String, Object> properties() {
        return Map.of("id", id, "alt", alt, "width", width, "height", height);
    }
}
