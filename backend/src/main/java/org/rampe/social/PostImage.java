package org.rampe.social;

/** An image of a post, in the post's order, with its mandatory text alternative. */
public record PostImage(String id, String alt, int width, int height) {
}
