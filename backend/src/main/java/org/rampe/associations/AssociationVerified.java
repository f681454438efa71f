package org.rampe.associations;

/** An administrator verified an association; {@code creator} is the member who created its page. */
public record AssociationVerified(String associationId, String slug, String name, String creator, String verifiedBy) {
}
