package org.rampe.emails;

import java.util.HashSet;
import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/**
 * The member's choices of notification emails, their digest waiting to go, and the conversations
 * mailed about while away.
 *
 * <p>Archive: {@code email-choices.json}. Erasure: their digest items and away marks go, and the
 * items of others' digests about something they did ({@code by}); the choices live on the member
 * node, which the members module deletes.
 */
@Component
class EmailsMemberData implements MemberData {

    /** A kind of mail, what the member gets of it, and whether they chose it ({@code false}: the default). */
    record Choice(String kind, String choice, boolean chosen) {
    }

    private final EmailsRepository emails;
    private final MemberEmailsRepository repository;

    EmailsMemberData(EmailsRepository emails, MemberEmailsRepository repository) {
        this.emails = emails;
        this.repository = repository;
    }

    @Override
    public Coverage covers() {
        return new Coverage("emails",
                Set.of("DIGEST_ITEM", "AWAY_MAILED"),
                new HashSet<>(EmailKind.properties()));
    }

    @Override
    public void export(MemberArchive archive) {
        String member = archive.member().value();
        var choices = emails.choices(member).orElse(EmailChoices.defaults());
        var chosen = repository.chosenProperties(member);
        archive.json("email-choices.json", json -> json.field("format", 1)
                .array("choices", items -> {
                    for (EmailKind kind : EmailKind.values()) {
                        items.add(new Choice(kind.key(), choices.of(kind).key(), chosen.contains(kind.property())));
                    }
                })
                .array("digestItems", items -> repository.digestLines(member, items::add))
                .array("awayMails", items -> repository.awayMails(member, items::add)));
    }

    @Override
    public void erase(Erasure erasure) {
        String member = erasure.member().value();
        while (repository.deleteDigestItems(member) > 0) {
            // another batch
        }
        while (repository.deleteAwayMarks(member) > 0) {
            // another batch
        }
    }
}
