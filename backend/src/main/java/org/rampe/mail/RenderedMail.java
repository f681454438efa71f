package org.rampe.mail;

/** A mail ready to go: what the outbox keeps until it is delivered. */
record RenderedMail(String to, String subject, String text, String html, String unsubscribeUrl, String template) {
}
