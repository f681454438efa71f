package org.rampe.notifications;

/**
 * A member's notifications may have changed (one was made for them): the live transport pushes
 * the new header count to them if they are connected.
 */
public record NotificationsChanged(String memberId) {
}
