package org.rampe.associations;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.neo4j.driver.Value;
import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.rampe.members.MemberId;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Associations a member represents or created, the ones an administrator verified, and the
 * invitations to represent one, to them or made by them. Archive: {@code associations.json}.
 * Erasure: the ties go, pending invitations to them and made by them too, the associations stay (verified ones stay
 * verified); one the member alone represented is left without representative, which
 * {@link #foresee} says.
 */
@Component
class AssociationsMemberData implements MemberData {

    private final MemberAssociationsRepository repository;
    private final MessageSource messages;

    AssociationsMemberData(MemberAssociationsRepository repository, MessageSource messages) {
        this.repository = repository;
        this.messages = messages;
    }

    @Override
    public Coverage covers() {
        return new Coverage("associations",
                Set.of("REPRESENTS", "CREATED", "VERIFIED", "INVITED_TO_REPRESENT"),
                Set.of());
    }

    record AssociationTie(String associationId, String slug, String name, Instant at) {
    }

    @Override
    public void export(MemberArchive archive) {
        String member = archive.member().value();
        archive.json("associations.json", json -> json.field("format", 1)
                .array("represented", items -> ties(member, "REPRESENTS", items))
                .array("created", items -> ties(member, "CREATED", items))
                .array("verified", items -> ties(member, "VERIFIED", items))
                .array("invitations", items -> ties(member, "INVITED", items))
                .array("invitationsMade", items -> ties(member, "INVITED_BY", items)));
    }

    private void ties(String member, String type, MemberArchive.JsonArray items) {
        repository.ties(member, type, r -> items.add(new AssociationTie(r.get("id").asString(), r.get("slug").asString(""),
                r.get("name").asString(""), instant(r.get("at")))));
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }

    @Override
    public void erase(Erasure erasure) {
        while (repository.removeTies(erasure.member().value()) > 0) {
            // next batch
        }
        while (repository.removeInvitationsBy(erasure.member().value()) > 0) {
            // next batch: the invitations they made go too (the invited member can be invited again)
        }
    }

    @Override
    public List<String> foresee(MemberId member, Locale locale) {
        return repository.representedAlone(member.value()).stream()
                .map(name -> messages.getMessage("contentdata.foresee.association.alone", new Object[] {name}, locale))
                .toList();
    }
}
