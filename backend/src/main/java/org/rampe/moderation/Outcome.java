package org.rampe.moderation;

/** How a decision, an appeal or a review came out. */
enum Outcome { DONE, NOT_FOUND, FORBIDDEN, INVALID }
