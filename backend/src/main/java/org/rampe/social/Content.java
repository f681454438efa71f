package org.rampe.social;

/** What members write, mention others in and react to: a post or a comment, as its node label. */
enum Content {
    POST("Post"), COMMENT("Comment");

    /** The node label, put in Cypher as it is (never a value from outside). */
    final String label;

    Content(String label) {
        this.label = label;
    }
}
