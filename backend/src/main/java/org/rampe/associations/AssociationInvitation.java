package org.rampe.associations;

/**
 * A representative ({@code by}) invited a member ({@code invited}) to represent an association; the
 * member accepts or declines on {@code /associations/<slug>/invitation}. Notifications tell them.
 */
public record AssociationInvitation(String associationId, String slug, String name, String invited, String by) {
}
