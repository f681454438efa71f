package org.rampe.associations;

/** An association in the administrators' queue, with who created it. */
record Pending(Association association, String creatorHandle, String creatorName) {
}
