package org.rampe.groups;

import java.util.List;
import java.util.Map;

import org.rampe.places.DemoMembersCreated;
import org.rampe.social.Posts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The groups of the demo: a public one and a private one, with members and a few posts, through
 * the same services members use (so the feeds fill as they would). Every text says it is a demo.
 */
@Component
class GroupDemo {

    private static final Logger log = LoggerFactory.getLogger(GroupDemo.class);

    private final GroupRepository repository;
    private final Posts posts;
    private final ApplicationEventPublisher events;

    GroupDemo(GroupRepository repository, Posts posts, ApplicationEventPublisher events) {
        this.repository = repository;
        this.posts = posts;
        this.events = events;
    }

    @EventListener
    void demoMembersCreated(DemoMembersCreated demo) {
        Map<String, String> ids = demo.memberIds();
        if (!ids.keySet().containsAll(List.of("lea", "karim", "camille"))) {
            return;
        }
        String open = group(ids.get("lea"), new GroupRepository.Draft("[Démo] Fauteuil et mobilité à Montpellier",
                "[Démo] Groupe de démonstration : bons plans, trajets, transports et lieux accessibles en fauteuil.",
                "[Démo] 1. Bienveillance.\n2. Pas de publicité.\n3. Pas de conseil médical à la place d’un professionnel.",
                "public"), List.of(ids.get("karim"), ids.get("camille")));
        String closed = group(ids.get("camille"), new GroupRepository.Draft("[Démo] Douleurs chroniques – entraide",
                "[Démo] Groupe privé de démonstration : un espace calme pour parler de la douleur au quotidien.",
                "[Démo] Ce qui est dit ici reste ici. Pas de jugement.", "private"), List.of(ids.get("lea")));
        posts.writeInGroup(ids.get("karim"), open, "[Démo] Le tram ligne 1 a de nouveau toutes ses rampes en service 🎉", "", "fr");
        posts.writeInGroup(ids.get("lea"), open, "[Démo] Quelqu’un a testé la plage accessible de Palavas cet été ?", "", "fr");
        posts.writeInGroup(ids.get("camille"), closed, "[Démo] Astuce du jour : la bouillotte sèche au micro-ondes, ça change tout.", "", "fr");
        log.info("Demo groups loaded: 2 groups, 3 posts");
    }

    private String group(String owner, GroupRepository.Draft draft, List<String> members) {
        String slug = repository.create(owner, null, draft).orElseThrow();
        String id = repository.bySlug(slug, null, false).orElseThrow().id();
        events.publishEvent(new GroupEvents.MemberJoined(id, owner));
        for (String m : members) {
            repository.invite(id, handleOf(m), owner);
            repository.join(id, m, true);
            events.publishEvent(new GroupEvents.MemberJoined(id, m));
        }
        return id;
    }

    private String handleOf(String memberId) {
        return repository.handleOf(memberId);
    }
}
