package org.rampe.messaging;

/** The image of a message as a participant sees it, served at {@code /messages/images/{id}.jpg}. */
record MessageImage(String id, String alt, int width, int height) {
}
