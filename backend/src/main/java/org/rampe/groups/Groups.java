package org.rampe.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.rampe.site.Viewer;
import org.rampe.social.Posts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Groups: who sees them, who may do what in them, and the changes, each followed by its event.
 * A hidden group does not exist for anyone but its members, invited members and administrators
 * (404); an action refused to someone who can see the group is a 403.
 */
@Service
public class Groups {

    private final GroupRepository repository;
    private final MembershipRepository membership;
    private final GroupListingRepository listings;
    private final Posts posts;
    private final ApplicationEventPublisher events;

    Groups(GroupRepository repository, MembershipRepository membership, GroupListingRepository listings, Posts posts,
           ApplicationEventPublisher events) {
        this.repository = repository;
        this.membership = membership;
        this.listings = listings;
        this.posts = posts;
        this.events = events;
    }

    /** The rules of the group a post is in, for the report form (empty for a post outside groups). */
    Optional<GroupRules> rulesOfPost(String postId) {
        return repository.rulesOfPost(postId);
    }

    /** A group's rules by its id (whoever shows them has checked the viewer may see the group). */
    Optional<GroupRules> rulesOfGroup(String groupId) {
        return repository.rulesOfGroup(groupId);
    }

    /** The group as {@code account} (null for a visitor) sees it; 404 if there is none or it is hidden from them. */
    Group visible(String slug, Viewer account) {
        String viewer = account == null ? null : account.memberId();
        boolean admin = account != null && account.admin();
        return repository.bySlug(slug, viewer, admin).filter(Group::visible).orElseThrow(Groups::notFound);
    }

    /** The group, if the viewer may read its posts and members: 404 if hidden from them, 403 otherwise. */
    Group readable(String slug, Viewer account) {
        Group g = visible(slug, account);
        if (!g.readable() && !g.viewer().admin()) {
            throw forbidden();
        }
        return g;
    }

    /** The group, if the viewer moderates it. */
    Group moderated(String slug, Viewer account) {
        Group g = visible(slug, account);
        if (!g.viewer().moderates()) {
            throw forbidden();
        }
        return g;
    }

    /** The group, if the viewer may edit it (owners, administrators): 404 if hidden from them, 403 otherwise. */
    Group editable(String slug, Viewer account) {
        Group g = visible(slug, account);
        if (!g.canEdit()) {
            throw forbidden();
        }
        return g;
    }

    /**
     * Changes the group's name, description and rules (never its slug nor its kind), with an audit
     * entry {@code edit_group} naming the fields that changed; nothing is written when nothing changed.
     */
    void edit(Group g, GroupDraft draft, Viewer actor) {
        if (!g.canEdit()) {
            throw forbidden();
        }
        List<String> changed = new ArrayList<>();
        if (!draft.name().equals(g.name())) {
            changed.add("name");
        }
        if (!draft.description().equals(g.description())) {
            changed.add("description");
        }
        if (!draft.rules().equals(g.rules())) {
            changed.add("rules");
        }
        if (changed.isEmpty()) {
            return;
        }
        String summary = changed.contains("name") ? g.name() + " → " + draft.name() + " (" + String.join(", ", changed) + ")"
                : draft.name() + " (" + String.join(", ", changed) + ")";
        repository.edit(g.id(), draft, actor.memberId(), summary);
    }

    List<GroupSummary> list(String query, String viewer) {
        return listings.list(query, viewer);
    }

    List<GroupSummary> mine(String viewer) {
        return listings.mine(viewer);
    }

    List<GroupSummary> invitations(String viewer) {
        return listings.invitations(viewer);
    }

    List<GroupRepository.Association> represented(String memberId) {
        return repository.represented(memberId);
    }

    Optional<String> create(String creator, String associationId, GroupDraft draft) {
        return repository.create(creator, associationId, draft);
    }

    List<GroupMember> members(Group g) {
        return listings.members(g.id());
    }

    List<GroupMember> requests(Group g) {
        return listings.requests(g.id());
    }

    List<GroupMember> invited(Group g) {
        return listings.invited(g.id());
    }

    List<String> postIds(Group g, java.time.ZonedDateTime at, String after) {
        return repository.postIds(g.id(), at, after);
    }

    /** Joins a public group, or asks to join a private one. Refused while banned. */
    String join(Group g, String member) {
        if (g.viewer().banned() || g.archived()) {
            throw forbidden();
        }
        if (g.isPublic()) {
            if (!membership.join(g.id(), member, false)) {
                throw forbidden();
            }
            events.publishEvent(new GroupEvents.MemberJoined(g.id(), member));
            return "group.notice.joined";
        }
        if ("private".equals(g.kind())) {
            if (!membership.request(g.id(), member)) {
                throw forbidden();
            }
            events.publishEvent(new GroupEvents.JoinRequested(g.id(), member));
            return "group.notice.requested";
        }
        throw forbidden();
    }

    /**
     * A group created by {@code owner} with these members already in, as if each had been invited
     * and accepted (the demo's groups); returns its id.
     */
    public String createWithMembers(String owner, String name, String description, String rules, String kind,
                                    List<String> members) {
        String slug = repository.create(owner, null, new GroupDraft(name, description, rules, kind)).orElseThrow();
        String id = repository.bySlug(slug, null, false).orElseThrow().id();
        events.publishEvent(new GroupEvents.MemberJoined(id, owner));
        for (String m : members) {
            membership.invite(id, membership.handleOf(m), owner);
            membership.join(id, m, true);
            events.publishEvent(new GroupEvents.MemberJoined(id, m));
        }
        return id;
    }

    void withdraw(Group g, String member) {
        membership.withdraw(g.id(), member);
    }

    MembershipRepository.Outcome leave(Group g, String member) {
        var outcome = membership.leave(g.id(), member);
        if (outcome == MembershipRepository.Outcome.DONE) {
            events.publishEvent(new GroupEvents.MemberLeft(g.id(), member));
        }
        return outcome;
    }

    void approve(Group g, String member, String by) {
        if (!membership.approve(g.id(), member)) {
            throw notFound();
        }
        events.publishEvent(new GroupEvents.MemberJoined(g.id(), member));
        events.publishEvent(new GroupEvents.JoinApproved(g.id(), member, by));
    }

    void refuse(Group g, String member) {
        if (!membership.refuse(g.id(), member)) {
            throw notFound();
        }
    }

    /** Invites by handle (private and hidden groups); empty when that member cannot be invited. */
    Optional<String> invite(Group g, String handle, String by) {
        if (g.isPublic() || g.archived()) {
            throw forbidden();
        }
        var invited = membership.invite(g.id(), handle, by);
        invited.ifPresent(m -> events.publishEvent(new GroupEvents.Invited(g.id(), m, by)));
        return invited;
    }

    void accept(Group g, String member) {
        if (!g.viewer().invited() || g.viewer().banned() || g.archived() || !membership.join(g.id(), member, true)) {
            throw forbidden();
        }
        events.publishEvent(new GroupEvents.MemberJoined(g.id(), member));
    }

    void decline(Group g, String member) {
        if (!membership.uninvite(g.id(), member)) {
            throw notFound();
        }
    }

    /** Owners choose whether everyone sees a summary of the group's moderation log (as Lemmy's modlog). */
    void setPublicAuditLog(Group g, boolean on, Viewer actor) {
        if (!g.managesRoles()) {
            throw forbidden();
        }
        repository.setPublicAuditLog(g.id(), on, actor.memberId());
    }

    /** An owner (or administrator) appoints a moderator, removes one, or makes a member an owner. */
    void setRole(Group g, String memberId, String role, Viewer actor) {
        if (!g.managesRoles()) {
            throw forbidden();
        }
        var target = membership.member(g.id(), memberId).orElseThrow(Groups::notFound);
        GroupRole given = GroupRole.fromKey(role).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        String summary = "@" + target.handle() + " : " + target.role() + " → " + given.key();
        if (membership.setRole(g.id(), memberId, given, actor.memberId(), summary).isEmpty()) {
            throw forbidden();
        }
    }

    /** Writes a post in the group; empty when the author may not post there (not a member, muted, banned). */
    Optional<String> post(Group g, String author, String text, String contentWarning, String language) {
        if (!g.canPost()) {
            return Optional.empty();
        }
        return posts.writeInGroup(author, g.id(), text, contentWarning, language);
    }

    List<String> moderators(String groupId) {
        return membership.moderators(groupId);
    }

    Optional<String> memberIdByHandle(String handle) {
        return membership.memberIdByHandle(handle);
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    static ResponseStatusException forbidden() {
        return new ResponseStatusException(HttpStatus.FORBIDDEN);
    }
}
