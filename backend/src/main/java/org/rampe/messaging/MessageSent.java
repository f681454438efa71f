package org.rampe.messaging;

import java.util.List;

/**
 * A message was stored (published after the commit, once, not for a resend). {@code recipientIds}
 * are the current participants who may read it, the sender included. Heard by the live pushes
 * and by notification emails (who is away gets a mail).
 */
public record MessageSent(MessageView message, List<String> recipientIds) {
}
