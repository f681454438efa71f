package org.rampe.members;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.Viewer;

/**
 * A check run on every request of a signed-in member, once Spring Security knows who they are.
 * Moderation's suspensions implement it: a suspended member reaches only the page of their
 * suspension. The interface lives here, where the security chain is built, so that accounts do not
 * depend on the features that restrict them; every implementation in the context is asked, in
 * order, until one answers the request itself.
 */
public interface SignedInGate {

    /**
     * True to let the request go on; false when this gate has answered it itself (a redirect, a
     * session ended), in which case nothing else runs.
     */
    boolean admit(Viewer viewer, HttpServletRequest request, HttpServletResponse response) throws IOException;
}
