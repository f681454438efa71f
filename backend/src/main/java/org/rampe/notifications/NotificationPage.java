package org.rampe.notifications;

import java.util.List;

/** A page of notifications, newest first; {@code last} (the last one read, shown or not) is where the next page starts. */
record NotificationPage(List<NotificationView> items, NotificationView last) {

    public boolean hasOlder() {
        return last != null;
    }
}
