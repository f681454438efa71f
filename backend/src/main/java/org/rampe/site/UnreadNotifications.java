package org.rampe.site;

/** How many notifications a member has not read yet; implemented by the notifications feature. */
public interface UnreadNotifications {

    /** Must be cheap: every page a member opens asks for it. */
    long count(String memberId);
}
