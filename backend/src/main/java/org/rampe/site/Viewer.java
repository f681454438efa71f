package org.rampe.site;

/** Whoever is signed in, as the layout needs them; implemented by the members feature. */
public interface Viewer {

    String memberId();

    String handle();

    String displayName();

    /** Whether this member administers the site (named in configuration). */
    boolean admin();
}
