package org.rampe.messaging;

import java.util.List;

/** Its author changed a message's text (after the commit). */
record MessageEdited(MessageView message, List<String> recipientIds) {
}
