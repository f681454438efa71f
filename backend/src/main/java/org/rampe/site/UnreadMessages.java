package org.rampe.site;

/** How many messages a member has not read yet (conversations not muted); implemented by messaging. */
public interface UnreadMessages {

    /** Must be cheap: every page a member opens asks for it. */
    long count(String memberId);
}
