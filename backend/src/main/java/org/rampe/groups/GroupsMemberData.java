package org.rampe.groups;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.neo4j.driver.Value;
import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.rampe.members.MemberId;
import org.rampe.social.SocialEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Group memberships and roles, invitations, join requests, groups a member owns.
 *
 * <p>Archive: {@code groups.json}. Erasure: each group the member owns goes to its other owners,
 * else to its longest-standing moderator, else (a group of an association) to the association's
 * longest-standing representative, else is archived (read-only) when other members remain, else is
 * deleted with its posts; {@link #foresee} says which, group by group, before the member confirms.
 * Then memberships, invitations and requests go, and the member's id leaves the invitations they sent.
 */
@Component
class GroupsMemberData implements MemberData {

    private final MemberGroupsRepository repository;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;

    GroupsMemberData(MemberGroupsRepository repository, ApplicationEventPublisher events, MessageSource messages) {
        this.repository = repository;
        this.events = events;
        this.messages = messages;
    }

    @Override
    public Coverage covers() {
        return new Coverage("groups",
                Set.of("MEMBER_OF", "INVITED_TO", "REQUESTED_JOIN", "OWNS_GROUP"),
                Set.of());
    }

    // ---------------------------------------------------------------- archive

    record Membership(String groupId, String groupName, String groupSlug, String groupKind, String role, Instant since) {
    }

    record Invitation(String groupId, String groupName, String invitedBy, Instant at) {
    }

    record SentInvitation(String groupId, String groupName, String invited, Instant at) {
    }

    record JoinRequest(String groupId, String groupName, Instant at) {
    }

    record OwnedGroup(String groupId, String groupName, String groupSlug, String groupKind, Instant createdAt) {
    }

    @Override
    public void export(MemberArchive archive) {
        String member = archive.member().value();
        archive.json("groups.json", json -> json.field("format", 1)
                .array("memberships", items -> repository.memberships(member, r -> items.add(new Membership(
                        r.get("id").asString(), r.get("name").asString(""), r.get("slug").asString(""), r.get("kind").asString(""),
                        r.get("role").asString(""), instant(r.get("since"))))))
                .array("invitations", items -> repository.invitations(member, r -> items.add(new Invitation(
                        r.get("id").asString(), r.get("name").asString(""), r.get("by").asString(null), instant(r.get("at"))))))
                .array("invitationsSent", items -> repository.invitationsSent(member, r -> items.add(new SentInvitation(
                        r.get("id").asString(), r.get("name").asString(""), r.get("handle").asString(null), instant(r.get("at"))))))
                .array("joinRequests", items -> repository.joinRequests(member, r -> items.add(new JoinRequest(
                        r.get("id").asString(), r.get("name").asString(""), instant(r.get("at"))))))
                .array("owned", items -> repository.owned(member, r -> items.add(new OwnedGroup(
                        r.get("id").asString(), r.get("name").asString(""), r.get("slug").asString(""), r.get("kind").asString(""),
                        instant(r.get("createdAt")))))));
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }

    // ---------------------------------------------------------------- erasure

    @Override
    public void erase(Erasure erasure) {
        String member = erasure.member().value();
        for (GroupFate fate : repository.fates(member)) {
            switch (fate.kind()) {
                case OWNERS, MODERATOR, ASSOCIATION -> {
                    if (repository.handOver(member, fate.groupId(), fate.heirId())) {
                        events.publishEvent(new GroupEvents.MemberJoined(fate.groupId(), fate.heirId()));
                    }
                }
                case ARCHIVED -> repository.archive(member, fate.groupId());
                case DELETED -> delete(fate.groupId());
            }
        }
        while (repository.removeRelationships(member) > 0) {
            // next batch
        }
    }

    /** Deletes a group nobody else is in: its posts batch by batch (telling feeds and notifications), then the group. */
    private void delete(String groupId) {
        while (true) {
            var removed = repository.removeGroupPosts(groupId);
            var posts = MemberGroupsRepository.pairs(removed.get("posts"));
            if (posts.isEmpty()) {
                break;
            }
            // Group posts carry no images today; a future one's files would be left to the image
            // store's owner (social), so none are kept here.
            posts.forEach(p -> events.publishEvent(new SocialEvents.PostDeleted(p[0], p[1])));
        }
        repository.deleteGroup(groupId);
    }

    @Override
    public List<String> foresee(MemberId member, Locale locale) {
        return repository.fates(member.value()).stream().map(f -> switch (f.kind()) {
            case OWNERS -> messages.getMessage("contentdata.foresee.group.owners", new Object[] {f.groupName()}, locale);
            case MODERATOR -> messages.getMessage("contentdata.foresee.group.moderator", new Object[] {f.groupName(), f.heirHandle()}, locale);
            case ASSOCIATION -> messages.getMessage("contentdata.foresee.group.association",
                    new Object[] {f.groupName(), f.heirHandle(), f.association()}, locale);
            case ARCHIVED -> messages.getMessage("contentdata.foresee.group.archived", new Object[] {f.groupName()}, locale);
            case DELETED -> messages.getMessage("contentdata.foresee.group.deleted", new Object[] {f.groupName()}, locale);
        }).toList();
    }
}
