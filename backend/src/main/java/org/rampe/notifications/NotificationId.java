package org.rampe.notifications;

import org.rampe.site.MalformedId;

/** A notification's id, bound from {@code /notifications/{id}/read}: anything but a UUID is a 404 ({@link MalformedId}). */
record NotificationId(String value) {

    public NotificationId {
        value = MalformedId.canonicalUuid(value, "notification");
    }

    @Override
    public String toString() {
        return value;
    }
}
