package org.rampe.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.images.TestImages;
import org.rampe.site.RateLimits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One authorization matrix for the whole site (issue 17): every route the application maps, asked
 * by every kind of viewer about objects that are theirs, someone else's, in a hidden group, or
 * removed by moderation, against {@link #TABLE}. A route without a row fails the test, so a new
 * route comes with its rule. The rule of docs/architecture.md holds throughout: something a member
 * may not see answers 404, exactly like something that does not exist; something they may see but
 * not change answers 403; a visitor is sent to sign in where a member would be let in.
 *
 * <p>The world ({@link MatrixWorld}) is built once, through the real pages; every request that
 * may have changed it is followed by a restore of the graph, so each cell sees the same world.
 * All the cells are checked and every difference is reported together.
 */
class AuthorizationMatrixTest extends RampeTest {

    /*
     * The table. Columns: vis (visitor), mem (a member with no tie), oth (another member: follows the
     * owner, in her conversation), blk (blocked by the owner), gm (member of her groups), mod (their
     * moderator), omod (moderator of another group), own (the owner: olga), adm (administrator),
     * sus (suspended member; default "decision": sent to the page of their suspension).
     * Each row: "default; exceptions". Path variables are filled from the world by name (fill());
     * .with(variable, object) names another object of the world for one row.
     */
    static final List<Rule> TABLE = List.of(
            // ---------------------------------------------------------------- site
            // Only a forward target: asked for directly, there is no error to draw.
            rule("ANY /error", "500; sus 500"),
            rule("GET /", "ok"),
            rule("GET /accessibility", "ok"),
            rule("GET /privacy", "ok"),
            rule("POST /language", "ok; sus ok").params("language", "en"),
            rule("GET /preferences", "ok; sus ok"),
            rule("POST /preferences", "ok; sus ok").params("textSize", "large"),
            rule("POST /preferences/text-size", "ok; sus ok").params("textSize", "150"),

            // ---------------------------------------------------------------- account (members only, each their own)
            rule("GET /signin", "ok"),
            rule("GET /signup", "ok"),
            rule("POST /signup", "ok"),
            rule("GET /signin/link", "ok"),
            rule("POST /signin/link", "ok").params("email", "nobody@example.org"),
            rule("GET /signin/link/use", "ok"),
            rule("GET /password/forgotten", "ok"),
            rule("POST /password/forgotten", "ok").params("email", "nobody@example.org"),
            rule("GET /password/forgotten/sent", "ok"),
            // The mailed links: without a valid token, a dead link for everyone.
            rule("GET /password/reset", "404"),
            rule("POST /password/reset", "404"),
            rule("GET /email/verify", "404"),
            rule("POST /email/verify", "404"),
            rule("GET /email/confirm", "404"),
            rule("POST /email/confirm", "404"),
            rule("GET /account", "ok; vis signin"),
            rule("POST /account/email/resend", "ok; vis signin"),
            rule("GET /account/email", "ok; vis signin"),
            rule("POST /account/email", "ok; vis signin"),
            rule("GET /account/password", "ok; vis signin"),
            rule("POST /account/password", "ok; vis signin"),
            rule("GET /account/needs", "ok; vis signin"),
            rule("POST /account/needs", "ok; vis signin"),
            rule("POST /account/needs/withdraw", "ok; vis signin"),
            rule("GET /account/profile", "ok; vis signin"),
            rule("POST /account/profile", "ok; vis signin").params("displayName", "Quelqu’un"),
            rule("GET /account/emails", "ok; vis signin"),
            rule("POST /account/emails", "ok; vis signin").params("replies", "immediately"),
            rule("GET /account/sessions", "ok; vis signin"),
            rule("POST /account/sessions/{handle}/end", "ok; vis signin"),
            rule("POST /account/sessions/others/end", "ok; vis signin"),
            rule("GET /account/passkeys", "ok; vis signin"),
            rule("POST /account/passkeys/{id}/rename", "404; vis signin, own ok").params("name", "Clé"),
            rule("POST /account/passkeys/{id}/remove", "404; vis signin, own ok"),
            rule("GET /account/data", "ok; vis signin"),
            rule("POST /account/data", "ok; vis signin"),
            rule("GET /account/data/status.json", "ok; vis signin"),
            rule("GET /account/data/archives/{id}", "404; vis signin, own ok"),
            rule("GET /account/delete", "ok; vis signin"),
            rule("POST /account/delete", "ok; vis signin"),
            rule("POST /account/delete/link", "ok; vis signin"),
            rule("GET /account/delete/confirm", "404"),
            rule("POST /account/delete/confirm", "404"),
            rule("GET /account/follow-requests", "ok; vis signin"),
            rule("GET /account/blocked", "ok; vis signin"),
            rule("GET /account/muted", "ok; vis signin"),
            // One's own requests and followers only: about anyone else's, nothing happens.
            rule("POST /account/follow-requests/{handle}/approve", "ok; vis signin"),
            rule("POST /account/follow-requests/{handle}/refuse", "ok; vis signin"),
            rule("POST /account/followers/{handle}/remove", "ok; vis signin, oth 400"),
            rule("GET /emails/unsubscribe/{member}/{scope}/{token}", "404"),
            rule("POST /emails/unsubscribe/{member}/{scope}/{token}", "404"),

            // ---------------------------------------------------------------- profiles and relations ({handle}: olga)
            rule("GET /members", "ok"),
            // The blocker's public profile, avatar and timeline answer the member she blocked as they answer a
            // visitor (signed out, they would read them anyway, and a 404 would tell of the block); her lists of
            // relations and everything that reaches her answer 404.
            rule("GET /members/{handle}", "ok"),
            rule("GET /members/{handle}/avatar.jpg", "ok"),
            rule("GET /members/{handle}/posts", "ok"),
            rule("GET /members/{handle}/followers", "ok; blk 404"),
            rule("GET /members/{handle}/following", "ok; blk 404"),
            // One's own handle is a bad request. Following or messaging the member who blocked you answers
            // 404, like an unknown handle: the block is not told (issue 17).
            rule("POST /members/{handle}/follow", "ok; vis signin, own 400, blk 404"),
            rule("POST /members/{handle}/unfollow", "ok; vis signin, own 400"),
            rule("POST /members/{handle}/block", "ok; vis signin, own 400"),
            rule("POST /members/{handle}/unblock", "ok; vis signin, own 400"),
            rule("POST /members/{handle}/mute", "ok; vis signin, own 400"),
            rule("POST /members/{handle}/unmute", "ok; vis signin, own 400"),
            // Who may message olga: by default people she follows and members of her groups (issue 17); to
            // anyone else her handle answers as an unknown one would, administrators included.
            rule("POST /members/{handle}/message", "ok; vis signin, mem 404, blk 404, omod 404, own 403, adm 404"),

            // ---------------------------------------------------------------- posts and comments ({id}: olga's public post, her comment)
            rule("GET /feed", "ok; vis signin"),
            rule("GET /posts/new", "ok; vis signin"),
            rule("POST /posts", "ok; vis signin").params("text", "Bonjour"),
            rule("GET /posts/{id}", "ok; blk 404"),
            rule("GET /posts/{id}", "removed post", "404").with("id", "removedPost"),
            rule("GET /posts/{id}", "post of a hidden group", "404; gm ok, mod ok, own ok").with("id", "hiddenGroupPost"),
            rule("GET /posts/{id}", "post of a private group", "404; gm ok, mod ok, own ok").with("id", "groupPost"),
            rule("GET /posts/{id}/edit", "403; vis signin, blk 404, own ok"),
            rule("POST /posts/{id}/edit", "403; vis signin, blk 404, own ok").params("text", "Corrigé", "visibility", "public"),
            rule("GET /posts/{id}/delete", "403; vis signin, blk 404, own ok"),
            rule("POST /posts/{id}/delete", "403; vis signin, blk 404, own ok"),
            rule("POST /posts/{id}/delete", "removed post", "404; vis signin").with("id", "removedPost"),
            // /images/ is open to a suspended member (the gate lets the site's own images through).
            rule("GET /images/{id}.jpg", "ok; blk 404, sus ok"),
            rule("POST /posts/{id}/comments", "ok; vis signin, blk 404").params("text", "Un commentaire"),
            rule("POST /posts/{id}/comments", "removed post", "404; vis signin").with("id", "removedPost").params("text", "Un commentaire"),
            rule("POST /posts/{id}/comments", "post of a hidden group", "404; vis signin, gm ok, mod ok, own ok")
                    .with("id", "hiddenGroupPost").params("text", "Un commentaire"),
            rule("POST /posts/{id}/reactions", "ok; vis signin, blk 404").params("reaction", "support"),
            rule("POST /posts/{id}/reactions", "removed post", "404; vis signin").with("id", "removedPost").params("reaction", "support"),
            rule("GET /comments/{id}/edit", "403; vis signin, blk 404, own ok"),
            rule("POST /comments/{id}/edit", "403; vis signin, blk 404, own ok").params("text", "Corrigé"),
            rule("GET /comments/{id}/delete", "403; vis signin, blk 404, own ok"),
            rule("POST /comments/{id}/delete", "403; vis signin, blk 404, own ok"),
            rule("POST /comments/{id}/reactions", "ok; vis signin, blk 404").params("reaction", "support"),

            // ---------------------------------------------------------------- groups ({slug}: olga's private group)
            rule("GET /groups", "ok"),
            rule("GET /groups/new", "ok; vis signin"),
            rule("POST /groups", "ok; vis signin").params("name", "Nouveau", "kind", "public", "description", "d", "rules", "r"),
            rule("GET /groups/{slug}", "ok"),
            rule("GET /groups/{slug}", "hidden group", "404; gm ok, mod ok, own ok, adm ok").with("slug", "hiddenGroup"),
            rule("GET /groups/{slug}/members", "403; gm ok, mod ok, own ok, adm ok"),
            rule("GET /groups/{slug}/members", "hidden group", "404; gm ok, mod ok, own ok, adm ok").with("slug", "hiddenGroup"),
            rule("GET /groups/{slug}/edit", "403; vis signin, own ok, adm ok"),
            rule("GET /groups/{slug}/edit", "hidden group", "404; vis signin, gm 403, mod 403, own ok, adm ok").with("slug", "hiddenGroup"),
            rule("POST /groups/{slug}/edit", "403; vis signin, own ok, adm ok")
                    .params("name", "Balades", "description", "Autre", "rules", "Autres"),
            rule("POST /groups/{slug}/posts", "403; vis signin, gm ok, mod ok, own ok").params("text", "Bonjour le groupe"),
            rule("POST /groups/{slug}/posts", "hidden group", "404; vis signin, gm ok, mod ok, own ok, adm 403")
                    .with("slug", "hiddenGroup").params("text", "Bonjour le groupe"),
            rule("GET /groups/{slug}/join", "ok; vis signin, gm 403, mod 403, own 403"),
            rule("GET /groups/{slug}/join", "hidden group", "404; vis signin, gm 403, mod 403, own 403, adm 403").with("slug", "hiddenGroup"),
            rule("POST /groups/{slug}/join", "ok; vis signin, gm 403, mod 403, own 403"),
            // Without a request, nothing to withdraw: nothing happens.
            rule("POST /groups/{slug}/request/withdraw", "ok; vis signin"),
            // The owner is sent to hand the group over first.
            rule("POST /groups/{slug}/leave", "403; vis signin, gm ok, mod ok, own ok"),
            rule("POST /groups/{slug}/requests/{member}/approve", "403; vis signin, mod ok, own ok, adm ok"),
            rule("POST /groups/{slug}/requests/{member}/refuse", "403; vis signin, mod ok, own ok, adm ok"),
            rule("POST /groups/{slug}/invitations", "403; vis signin, mod ok, own ok, adm ok").params("handle", "noa"),
            rule("POST /groups/{slug}/invitation/accept", "403; vis signin"),
            // Without an invitation: accepting is refused (403), declining finds none (404).
            rule("POST /groups/{slug}/invitation/decline", "404; vis signin"),
            rule("POST /groups/{slug}/members/{member}/role", "403; vis signin, own ok, adm ok").params("role", "moderator"),
            rule("POST /groups/{slug}/audit-log", "403; vis signin, own ok, adm ok").params("publish", "true"),
            // The group's chat is a conversation: 404 to whoever does not take part, like any conversation.
            rule("GET /groups/{slug}/chat", "404; vis signin, gm ok, mod ok, own ok"),
            rule("GET /groups/{slug}/chat", "hidden group", "404; vis signin, gm ok, mod ok, own ok").with("slug", "hiddenGroup"),

            // ---------------------------------------------------------------- messages ({id}: olga and otto's conversation)
            rule("GET /messages", "ok; vis signin"),
            rule("GET /messages/new", "ok; vis signin"),
            rule("POST /messages/new", "ok; vis signin").params("title", "Sortie", "handles", "@noa"),
            rule("GET /messages/settings", "ok; vis signin"),
            rule("POST /messages/settings", "ok; vis signin").params("readReceipts", "true"),
            rule("GET /messages/{id}", "404; vis signin, oth ok, own ok"),
            rule("POST /messages/{id}", "404; vis signin, oth ok, own ok").params("text", "Bonjour", "clientId", "c1"),
            rule("POST /messages/{id}/send", "404; vis signin, oth ok, own ok").params("text", "Photo", "clientId", "c2", "alt", "Un plan")
                    .file("image"),
            rule("GET /messages/images/{id}.jpg", "404; vis signin, oth ok, own ok"),
            rule("GET /messages/{id}/m/{message}/edit", "404; vis signin, oth 403, own ok"),
            rule("POST /messages/{id}/m/{message}/edit", "404; vis signin, oth 403, own ok").params("text", "Corrigé"),
            rule("GET /messages/{id}/m/{message}/delete", "404; vis signin, oth 403, own ok"),
            rule("POST /messages/{id}/m/{message}/delete", "404; vis signin, oth 403, own ok"),
            rule("POST /messages/{id}/leave", "404; vis signin, oth ok, own ok"),
            rule("POST /messages/{id}/mute", "404; vis signin, oth ok, own ok"),

            // ---------------------------------------------------------------- notifications
            rule("GET /notifications", "ok; vis signin"),
            rule("POST /notifications/read", "ok; vis signin"),
            rule("POST /notifications/{id}/read", "404; vis signin, own ok"),

            // ---------------------------------------------------------------- places ({id}: olga's place)
            rule("GET /api/places", "ok").params("bbox", "3.8,43.5,4.0,43.7"),
            rule("GET /api/places/export.geojson", "ok").params("bbox", "3.8,43.5,4.0,43.7"),
            rule("GET /places", "ok"),
            rule("POST /places", "ok"),
            rule("GET /places/{id}", "ok"),
            rule("GET /places/{id}/history", "ok"),
            rule("GET /places/near-suggestions", "ok").params("q", "Montpellier"),
            rule("GET /places/new", "ok; vis signin"),
            rule("POST /places/new", "ok; vis signin").params("name", "Boulangerie", "category", "boulangerie", "city", "Montpellier",
                    "lat", "43.6", "lon", "3.88"),
            rule("GET /places/{id}/edit", "ok; vis signin"),
            rule("POST /places/{id}/edit", "ok; vis signin").params("name", "Café du Jardin", "category", "café", "city", "Montpellier",
                    "lat", "43.61", "lon", "3.877"),
            rule("POST /places/{id}/answers", "ok; vis signin").params("criterion", "entrance_steps", "value", "1"),
            rule("POST /places/{id}/report", "ok; vis signin").params("reason", "closed", "text", "Fermé"),
            rule("POST /places/{id}/still-there", "ok; vis signin").params("answer", "open"),
            rule("GET /places/{placeId}/photos/new", "ok; vis signin"),
            rule("POST /places/{placeId}/photos", "ok; vis signin").file("file")
                    .params("alt", "Entrée", "group", "entrance", "licence", "cc_by_sa_4"),
            rule("GET /places/{placeId}/photos/{photoId}.jpg", "ok"),
            rule("POST /places/{placeId}/photos/{photoId}/report", "ok; vis signin").params("reason", "not_the_place"),
            rule("GET /places/{placeId}/photos/{photoId}/delete", "403; vis signin, own ok, adm ok"),
            rule("POST /places/{placeId}/photos/{photoId}/delete", "403; vis signin, own ok, adm ok"),

            // ---------------------------------------------------------------- associations ({slug}: olga's association)
            rule("GET /associations", "ok"),
            rule("GET /associations/new", "ok; vis signin"),
            rule("POST /associations/new", "ok; vis signin").params("name", "Autre association", "description", "d"),
            rule("GET /associations/{slug}", "ok"),
            rule("GET /associations/{slug}/logo.jpg", "404"),
            rule("GET /associations/{slug}/edit", "403; vis signin, own ok"),
            rule("POST /associations/{slug}/edit", "403; vis signin, own ok").params("name", "Ville Accessible", "description", "d"),
            rule("POST /associations/{slug}/representatives", "403; vis signin, own ok").params("handle", "noa"),
            rule("POST /associations/{slug}/representatives/remove", "403; vis signin, own ok").params("handle", "noa"),
            // Representatives by invitation (issue 17): only the invited member sees and answers it; nobody is
            // invited in this world, so everyone else meets a 404.
            rule("POST /associations/{slug}/invitations/withdraw", "403; vis signin, own ok").params("handle", "noa"),
            rule("GET /associations/{slug}/invitation", "404; vis signin"),
            rule("POST /associations/{slug}/invitation/accept", "404; vis signin"),
            rule("POST /associations/{slug}/invitation/decline", "404; vis signin"),
            rule("GET /associations/{slug}/logo", "403; vis signin, own ok"),
            rule("POST /associations/{slug}/logo", "403; vis signin, own ok").file("file"),
            rule("POST /associations/{slug}/logo/remove", "403; vis signin, own ok"),

            // ---------------------------------------------------------------- moderation
            rule("GET /report", "ok; vis signin, blk 404").params("kind", "post", "id", "{post}"),
            rule("POST /report", "ok; vis signin, blk 404").params("kind", "post", "id", "{post}", "reason", "spam"),
            rule("GET /report/received", "ok; vis signin"),
            rule("GET /decisions/{id}", "404; vis signin, own ok, adm ok, sus 404"),
            rule("GET /decisions/{id}", "the suspension", "404; vis signin, adm ok, sus ok").with("id", "suspension"),
            // Only the member concerned appeals; the administrator sees the decision but may not appeal it.
            rule("POST /decisions/{id}/appeal", "404; vis signin, own ok, adm 403, sus 404").params("text", "Ce n’était pas de la publicité"),
            rule("POST /decisions/{id}/appeal", "the suspension", "404; vis signin, adm 403, sus ok").with("id", "suspension")
                    .params("text", "Je conteste"),
            // Who may read the decision but not review it (no appeal yet): 403; who may not read it: 404.
            rule("POST /decisions/{id}/review", "404; vis signin, own 403, adm 403, sus 404").params("outcome", "upheld", "reason", "r"),
            rule("GET /moderation", "403; vis signin, adm ok"),
            rule("GET /moderation/audit", "403; vis signin, adm ok"),
            rule("GET /moderation/groups/{groupId}", "403; vis signin, mod ok, own ok, adm ok"),
            rule("GET /moderation/groups/{groupId}", "hidden group", "404; vis signin, gm 403, mod ok, own ok, adm ok")
                    .with("groupId", "hiddenGroupId"),
            rule("GET /moderation/groups/{groupId}/audit", "403; mod ok, own ok, adm ok"),
            rule("GET /moderation/groups/{groupId}/audit", "hidden group", "404; gm 403, mod ok, own ok, adm ok")
                    .with("groupId", "hiddenGroupId"),
            // The case is about the owner's own post: it is in the site queue only (issue 17), so neither she
            // nor her group's moderator may decide it.
            rule("POST /moderation/cases/{caseId}/decision", "403; vis signin, adm ok")
                    .params("action", "dismiss", "reason", "Rien à redire"),
            rule("GET /moderation/cases/{caseId}/image.jpg", "404; vis signin"),
            // A copy kept by a report: served to the case's deciders while it is open; this case keeps no image
            // (ModerationMessageImageTest serves one), so an unknown copy is a 404 for everyone.
            rule("GET /moderation/cases/{caseId}/snapshots/{imageId}.jpg", "404; vis signin")
                    .with("imageId", "=00000000-0000-0000-0000-000000000000"),
            rule("GET /moderation/places", "403; vis signin, adm ok"),
            rule("POST /moderation/places/{reportId}", "403; vis signin, adm ok").params("outcome", "dismissed"),
            rule("GET /moderation/places/revisions/{revisionId}/revert", "403; vis signin, adm ok"),
            rule("POST /moderation/places/revisions/{revisionId}/revert", "403; vis signin, adm ok"),
            rule("GET /moderation/associations", "403; vis signin, adm ok"),
            // Imports into the running site (issue 18): administrators only. A POST from anyone else is
            // refused before its body is read (it may be gigabytes), so a visitor gets 403, not the sign-in page.
            rule("GET /admin/imports", "403; vis signin, adm ok"),
            rule("POST /admin/imports/start", "403; adm ok, sus 403"),
            rule("GET /admin/imports/status.json", "403; vis signin, adm ok"),
            rule("GET /admin/imports/{id}/report.txt", "403; vis signin, adm 404").with("id", "=no-such-import"),
            rule("POST /moderation/associations/{slug}/verify", "403; vis signin, adm ok"),
            rule("POST /moderation/associations/{slug}/withdraw", "403; vis signin, adm ok"));

    /*
     * Over STOMP (a real WebSocket client per viewer, signed in through the form): ok (nothing refused
     * the frame), refused (the chat controller answered on /user/queue/errors: not a participant),
     * denied (the destination rules of messaging.StompSecurity: ERROR frame, connection closed),
     * noconnect (no STOMP session at all: a visitor, a suspended member). Sends carry .params as
     * their JSON payload. {id}: olga and otto's conversation; {olgaId}: olga's member id.
     */
    static final List<Rule> STOMP = List.of(
            rule("SEND /app/conversations/{id}/send", "refused; vis noconnect, oth ok, own ok, sus noconnect")
                    .params("clientId", "matrix-1", "text", "Bonjour"),
            rule("SEND /app/conversations/{id}/catch-up", "refused; vis noconnect, oth ok, own ok, sus noconnect").params("afterSeq", "0"),
            rule("SEND /app/conversations/{id}/read", "refused; vis noconnect, oth ok, own ok, sus noconnect").params("seq", "1"),
            rule("SEND /app/conversations/{id}/typing", "refused; vis noconnect, oth ok, own ok, sus noconnect"),
            rule("SEND /app/conversations/{id}/presence", "refused; vis noconnect, oth ok, own ok, sus noconnect"),
            // One's own queues only (Spring resolves /user/queue/… per session).
            rule("SUBSCRIBE /user/queue/messages", "ok; vis noconnect, sus noconnect"),
            rule("SUBSCRIBE /user/queue/acks", "ok; vis noconnect, sus noconnect"),
            rule("SUBSCRIBE /user/queue/errors", "ok; vis noconnect, sus noconnect"),
            rule("SUBSCRIBE /user/queue/receipts", "ok; vis noconnect, sus noconnect"),
            rule("SUBSCRIBE /user/queue/typing", "ok; vis noconnect, sus noconnect"),
            rule("SUBSCRIBE /user/queue/presence", "ok; vis noconnect, sus noconnect"),
            rule("SUBSCRIBE /user/queue/counts", "ok; vis noconnect, sus noconnect"),
            // Everything else is denied, to everyone.
            rule("SUBSCRIBE /user/{olgaId}/queue/messages", "denied; vis noconnect, sus noconnect"),
            rule("SUBSCRIBE /topic/conversations.{id}", "denied; vis noconnect, sus noconnect"),
            rule("SUBSCRIBE /queue/messages", "denied; vis noconnect, sus noconnect"),
            rule("SEND /user/{olgaId}/queue/messages", "denied; vis noconnect, sus noconnect").params("text", "faux"),
            rule("SEND /topic/anything", "denied; vis noconnect, sus noconnect").params("text", "faux"),
            rule("SEND /app/anything", "denied; vis noconnect, sus noconnect").params("text", "faux"));

    static Rule rule(String route, String outcomes) {
        return new Rule(route, null, outcomes);
    }

    static Rule rule(String route, String variant, String outcomes) {
        return new Rule(route, variant, outcomes);
    }

    /** The default object for a path variable, by the route it is in ({@link Rule#with} names another). */
    static String defaultObject(String pattern, String variable) {
        return switch (variable) {
            case "id" -> pattern.startsWith("/posts/") ? "post"
                    : pattern.startsWith("/comments/") ? "comment"
                    : pattern.startsWith("/images/") ? "postImage"
                    : pattern.startsWith("/messages/images/") ? "messageImage"
                    : pattern.startsWith("/messages/") ? "conversation"
                    : pattern.startsWith("/decisions/") ? "decision"
                    : pattern.startsWith("/notifications/") ? "notification"
                    : pattern.startsWith("/account/data/archives/") ? "archive"
                    : pattern.startsWith("/account/passkeys/") ? "passkey"
                    : pattern.startsWith("/places/") ? "place"
                    : pattern.startsWith("/app/conversations/") || pattern.startsWith("/topic/conversations.") ? "conversation"
                    : null;
            case "handle" -> pattern.startsWith("/members/") ? "=olga"
                    : pattern.startsWith("/account/follow-requests/") ? "=rita"
                    : pattern.startsWith("/account/followers/") ? "=otto"
                    // The handle of a session that is not the viewer's: ending it ends nothing.
                    : pattern.startsWith("/account/sessions/") ? "=" + "0".repeat(16)
                    : null;
            case "slug" -> pattern.contains("/groups/") ? "group" : pattern.contains("/associations/") ? "association" : null;
            case "member" -> pattern.contains("/requests/") ? "ritaId" : pattern.contains("/members/") ? "gusId"
                    : pattern.startsWith("/emails/unsubscribe/") ? "olgaId" : null;
            case "placeId" -> "place";
            case "photoId" -> "photo";
            case "reportId" -> "placeReport";
            case "revisionId" -> "revision";
            case "caseId" -> "case";
            case "groupId" -> "groupId";
            case "message" -> "message";
            case "scope" -> "=digest";
            // An unsubscribe token that was never mailed.
            case "token" -> "=" + "A".repeat(43);
            default -> variable;
        };
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Autowired
    RateLimits rateLimits;

    @Autowired
    org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler stompHandlers;

    @Test
    void everyRouteTheApplicationMapsHasARowAndEveryRowAMappedRoute() {
        Set<String> mapped = mappedRoutes();
        Set<String> ruled = new TreeSet<>();
        TABLE.forEach(rule -> ruled.add(rule.route()));
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(ruled);
        Set<String> stale = new TreeSet<>(ruled);
        stale.removeAll(mapped);
        assertThat(missing).as("routes with no row in AuthorizationMatrixTest.TABLE: add one (who gets what)").isEmpty();
        assertThat(stale).as("rows for routes the application does not map").isEmpty();
    }

    @Test
    void everyStompDestinationTheApplicationHandlesOrPushesToHasARow() throws Exception {
        Set<String> handled = new TreeSet<>();
        for (var entry : stompHandlers.getHandlerMethods().entrySet()) {
            String type = entry.getKey().getMessageTypeMessageCondition().getMessageType()
                    == org.springframework.messaging.simp.SimpMessageType.SUBSCRIBE ? "SUBSCRIBE " : "SEND ";
            for (String pattern : entry.getKey().getDestinationConditions().getPatterns()) {
                stompHandlers.getDestinationPrefixes().forEach(prefix -> handled.add(type + prefix.replaceAll("/$", "") + pattern));
            }
        }
        // The queues the application pushes to (messaging.LivePushes), which members subscribe to under /user.
        for (var field : Class.forName("org.rampe.messaging.LivePushes").getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                String value = (String) field.get(null);
                if (value.startsWith("/queue/")) {
                    handled.add("SUBSCRIBE /user" + value);
                }
            }
        }
        Set<String> ruled = new TreeSet<>();
        STOMP.forEach(rule -> ruled.add(rule.route()));
        Set<String> missing = new TreeSet<>(handled);
        missing.removeAll(ruled);
        assertThat(missing).as("STOMP destinations with no row in AuthorizationMatrixTest.STOMP").isEmpty();
    }

    @Test
    void everyViewerGetsWhatTheTableSaysOnEveryRoute() throws Exception {
        long start = System.nanoTime();
        var world = new MatrixWorld(mvc, graph, members).build(ADMIN_HANDLE);
        long built = System.nanoTime();
        List<String> failures = new ArrayList<>();
        List<Rule> rows = new ArrayList<>(TABLE);
        // Reading first: a read never changes the world, so nothing needs restoring in between.
        rows.sort(Comparator.comparing(rule -> reads(rule) ? 0 : 1));
        int cells = 0;
        for (Rule rule : rows) {
            String path;
            try {
                path = fill(rule, world);
            } catch (IllegalStateException e) {
                failures.add(rule + ": " + e.getMessage());
                continue;
            }
            for (Who who : Who.values()) {
                cells++;
                rateLimits.clear();
                var response = mvc.perform(request(rule, path, world, who)).andReturn().getResponse();
                String got = outcome(response, path, world);
                String expected = rule.expected.get(who);
                if (!got.equals(expected)) {
                    failures.add(String.format("%-62s %-5s expected %-8s got %s", rule, who.column, expected, describe(response, got)));
                }
                if (!reads(rule) && response.getStatus() < 400) {
                    world.restore();
                }
            }
        }
        long stompStart = System.nanoTime();
        int stompCells = stomp(world, failures);
        System.out.printf("Authorization matrix over STOMP: %d cells in %d ms%n", stompCells, (System.nanoTime() - stompStart) / 1_000_000);
        System.out.printf("Authorization matrix: world built in %d ms; %d cells in %d ms, of which %d restores in %d ms%n",
                (built - start) / 1_000_000, cells, (System.nanoTime() - built) / 1_000_000, world.restores, world.restoreNanos / 1_000_000);
        assertThat(failures).as("%d cells of %d rows; the cells that differ from the table (route, viewer, expected, got)",
                cells, rows.size()).isEmpty();
    }

    /** Every STOMP cell, viewer by viewer (one WebSocket client each); returns how many. */
    private int stomp(MatrixWorld world, List<String> failures) throws Exception {
        int cells = 0;
        for (Who who : Who.values()) {
            try (var viewer = new StompViewer(baseUrl())) {
                if (who != Who.VISITOR) {
                    String handle = who == Who.ADMIN ? ADMIN_HANDLE : who.handle;
                    viewer.signIn(handle + "@example.org",
                            who == Who.SUSPENDED ? "/decisions/" + world.ids.get("suspension") : "/accessibility");
                }
                for (Rule rule : STOMP) {
                    cells++;
                    rateLimits.clear();
                    rateLimits.clear();
                    String destination = fill(rule, world);
                    Map<String, Object> payload = new LinkedHashMap<>();
                    rule.params.forEach(p -> payload.put(p[0], p[1].matches("\\d+") ? (Object) Long.valueOf(p[1]) : p[1]));
                    if (payload.containsKey("clientId")) {
                        payload.put("clientId", "matrix-" + who.column + "-" + cells);
                    }
                    String got = rule.method.equals("SEND") ? viewer.send(destination, payload) : viewer.subscribe(destination);
                    String expected = rule.expected.get(who);
                    if (!got.equals(expected)) {
                        failures.add(String.format("%-62s %-5s expected %-8s got %s", rule, who.column, expected, got));
                    }
                }
            }
        }
        return cells;
    }

    // ------------------------------------------------------------------ the routes the application maps

    /** "METHOD /pattern" for every handler method of the application's own controllers (not the tests' harnesses). */
    Set<String> mappedRoutes() {
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlers.getHandlerMethods().entrySet()) {
            if (!fromTheApplication(entry.getValue())) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("ANY");
            }
            for (String pattern : info.getPatternValues()) {
                methods.forEach(m -> routes.add(m + " " + pattern));
            }
        }
        return routes;
    }

    private static boolean fromTheApplication(HandlerMethod handler) {
        var source = handler.getBeanType().getProtectionDomain().getCodeSource();
        return source == null || !source.getLocation().toString().contains("test-classes");
    }

    // ------------------------------------------------------------------ one cell

    private static boolean reads(Rule rule) {
        return rule.method.equals("GET") || rule.method.equals("ANY");
    }

    private static String fill(Rule rule, MatrixWorld world) {
        Matcher m = VARIABLE.matcher(rule.pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String object = rule.objects.getOrDefault(variable, defaultObject(rule.pattern, variable));
            String value = object.startsWith("=") ? object.substring(1) : world.ids.get(object);
            if (value == null) {
                throw new IllegalStateException("no object of the world fills {" + variable + "} (" + object + ")");
            }
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        return path.toString();
    }

    private static AbstractMockHttpServletRequestBuilder<?> request(Rule rule, String path, MatrixWorld world, Who who) {
        AbstractMockHttpServletRequestBuilder<?> request;
        if (!rule.files.isEmpty()) {
            var multipart = multipart(path);
            rule.files.forEach(field -> multipart.file(new MockMultipartFile(field, "image.png", "image/png", TestImages.png(40, 30))));
            request = multipart;
        } else {
            request = MockMvcRequestBuilders.request(HttpMethod.valueOf(rule.method.equals("ANY") ? "GET" : rule.method), path);
        }
        for (String[] param : rule.params) {
            String value = param[1].startsWith("{") ? world.ids.get(param[1].substring(1, param[1].length() - 1)) : param[1];
            request.param(param[0], value);
        }
        if (!reads(rule)) {
            request.with(csrf());
        }
        if (who != Who.VISITOR) {
            request.session(world.sessions.get(who));
        }
        return request;
    }

    private static String outcome(MockHttpServletResponse response, String path, MatrixWorld world) {
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            return "ok";
        }
        if (status >= 300 && status < 400) {
            String to = String.valueOf(response.getRedirectedUrl());
            if (to.equals("/signin") || to.startsWith("/signin?")) {
                return "signin";
            }
            if (to.equals("/decisions/" + world.ids.get("suspension")) && !path.startsWith("/decisions/")) {
                return "decision";
            }
            return "ok";
        }
        return String.valueOf(status);
    }

    private static String describe(MockHttpServletResponse response, String got) {
        String to = response.getRedirectedUrl();
        return got + " (" + response.getStatus() + (to == null ? "" : " → " + to) + ")";
    }

    static Map<String, Rule> byRoute() {
        Map<String, Rule> rows = new LinkedHashMap<>();
        TABLE.forEach(rule -> rows.putIfAbsent(rule.route(), rule));
        return rows;
    }
}
