package org.rampe.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rampe.members.Members;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * With {@code rampe.demo=true} ({@code --demo}), fills an empty database with something to look
 * at: the Montpellier pharmacies and shops from OpenStreetMap (ODbL, see resources/demo/README.md),
 * three demo members and a few of their answers, then their follows, posts, groups, associations
 * and conversations. Each part goes through the services members use, so feeds and notifications
 * fill as they would. Done once: a {@code :DemoContent} node remembers it.
 *
 * <p>This module depends on the features; none of them knows about it. Demo members carry
 * {@code demo: true}, an address under {@code rampe.invalid} and a name ending " (démo)"; their
 * password is a random one nobody ever sees, so nobody can sign in as them. Every text says it is
 * a demo.
 */
@Component
class DemoContent implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);

    /** A demo member by their short key ({@code camille}, {@code karim}, {@code lea}). */
    record DemoMember(String key, String displayName) {
        String email() {
            return "demo-" + key + "@rampe.invalid";
        }

        String handle() {
            return "demo_" + key;
        }
    }

    static final List<DemoMember> MEMBERS = List.of(
            new DemoMember("camille", "Camille Roux (démo)"),
            new DemoMember("karim", "Karim 🦯 Benali (démo)"),
            new DemoMember("lea", "Léa, fauteuil électrique (démo)"));

    static final List<DemoAnswers.DemoAnswer> ANSWERS = DemoAnswers.ANSWERS;

    private final boolean enabled;
    private final DemoRepository repository;
    private final Members members;
    private final DemoAnswers places;
    private final SocialDemo social;
    private final GroupDemo groups;
    private final AssociationsDemo associations;
    private final MessagingDemo messaging;

    DemoContent(@Value("${rampe.demo:false}") boolean enabled, DemoRepository repository, Members members,
                DemoAnswers places, SocialDemo social, GroupDemo groups, AssociationsDemo associations,
                MessagingDemo messaging) {
        this.enabled = enabled;
        this.repository = repository;
        this.members = members;
        this.places = places;
        this.social = social;
        this.groups = groups;
        this.associations = associations;
        this.messaging = messaging;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled) {
            load();
        }
    }

    /** Loads the demo content unless it already was; true when it loaded it now. */
    boolean load() {
        if (repository.loaded()) {
            log.info("Demo content already loaded: nothing to do");
            return false;
        }
        int placesIn = places.importPlaces();
        Map<String, String> ids = new LinkedHashMap<>();
        for (DemoMember member : MEMBERS) {
            ids.put(member.key(), members.demoMember(member.email(), member.handle(), member.displayName()).value());
        }
        int answered = places.answer(ids);
        social.load(ids);
        groups.load(ids);
        associations.load(ids);
        messaging.load(ids);
        repository.markLoaded();
        log.info("Demo content loaded: {} places of Montpellier from OpenStreetMap (ODbL 1.0, © OpenStreetMap contributors), "
                + "{} demo members (demo-*@rampe.invalid, no usable password), {} answers", placesIn, MEMBERS.size(), answered);
        return true;
    }
}
