package org.rampe.site;

import java.util.List;

/**
 * The pages the accessibility statement says are checked: the same table as ACCESSIBILITY.md's
 * "Pages covered", row for row and path for path ({@code StatementPagesTest} compares them, so a page
 * added to one and not the other fails the build). Each page's words are {@code statement.page.<key>}
 * in the privacy bundle; an empty path list is a row that applies to any address (error pages).
 */
final class StatementPages {

    record Covered(String key, List<String> paths) {
    }

    static final List<Covered> PAGES = List.of(
            page("home", "/"),
            page("signin", "/signin"),
            page("signup", "/signup"),
            page("display", "/preferences"),
            page("statement", "/accessibility"),
            page("privacy", "/privacy"),
            page("errors"),
            page("placeSearch", "/places"),
            page("place", "/places/{id}"),
            page("placeForm", "/places/new", "/places/{id}/edit"),
            page("placePhoto", "/places/{id}/photos/new"),
            page("placeHistory", "/places/{id}/history", "/moderation/places/revisions/{id}/revert"),
            page("needs", "/account/needs"),
            page("profile", "/members/{handle}"),
            page("profileEdit", "/account/profile"),
            page("memberSearch", "/members"),
            page("follows", "/members/{handle}/followers", "/members/{handle}/following"),
            page("requests", "/account/follow-requests", "/account/blocked"),
            page("postForm", "/posts/new"),
            page("post", "/posts/{id}"),
            page("memberPosts", "/members/{handle}/posts"),
            page("feed", "/feed"),
            page("notifications", "/notifications"),
            page("associations", "/associations", "/associations/{slug}", "/associations/new", "/associations/{slug}/edit",
                    "/associations/{slug}/logo", "/moderation/associations", "/associations/{slug}/invitation"),
            page("groups", "/groups", "/groups/{slug}", "/groups/{slug}/members", "/groups/{slug}/join", "/groups/new"),
            page("moderation", "/report", "/report/received", "/moderation", "/moderation/groups/{id}", "/moderation/audit",
                    "/moderation/groups/{id}/audit", "/decisions/{id}"),
            page("messages", "/messages", "/messages/{id}", "/messages/new", "/messages/settings",
                    "/messages/{id}/m/{message}/edit", "/messages/{id}/m/{message}/delete"),
            page("chat", "/messages/{id}"),
            page("account", "/account", "/account/password", "/account/email", "/password/forgotten",
                    "/password/forgotten/sent", "/email/verify", "/email/confirm", "/password/reset"),
            page("passkeys", "/account/passkeys", "/signin"),
            page("signinLink", "/signin/link", "/signin/link/use"),
            page("sessions", "/account/sessions"),
            page("emails", "/account/emails", "/emails/unsubscribe/{member}/{kind}/{token}"),
            page("deleteAccount", "/account/delete", "/account/delete/confirm", "/members/{handle}"),
            page("yourData", "/account/data", "/account/needs"),
            page("imports", "/admin/imports"),
            page("tooMany"));

    private static Covered page(String key, String... paths) {
        return new Covered(key, List.of(paths));
    }

    private StatementPages() {
    }
}
