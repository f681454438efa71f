package org.rampe.demo;

import java.util.List;
import java.util.Map;

import org.rampe.groups.Groups;
import org.rampe.social.Posts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The groups of the demo: a public one and a private one, with members and a few posts, through
 * the same services members use (so the feeds fill as they would). Every text says it is a demo.
 */
@Component
class GroupDemo {

    private static final Logger log = LoggerFactory.getLogger(GroupDemo.class);

    private final Groups groups;
    private final Posts posts;

    GroupDemo(Groups groups, Posts posts) {
        this.groups = groups;
        this.posts = posts;
    }

    /** The demo's groups, owned and joined by the demo members (ids by their short key). */
    void load(Map<String, String> ids) {
        if (!ids.keySet().containsAll(List.of("lea", "karim", "camille"))) {
            return;
        }
        String open = groups.createWithMembers(ids.get("lea"), "[Démo] Fauteuil et mobilité à Montpellier",
                "[Démo] Groupe de démonstration : bons plans, trajets, transports et lieux accessibles en fauteuil.",
                "[Démo] 1. Bienveillance.\n2. Pas de publicité.\n3. Pas de conseil médical à la place d’un professionnel.",
                "public", List.of(ids.get("karim"), ids.get("camille")));
        String closed = groups.createWithMembers(ids.get("camille"), "[Démo] Douleurs chroniques – entraide",
                "[Démo] Groupe privé de démonstration : un espace calme pour parler de la douleur au quotidien.",
                "[Démo] Ce qui est dit ici reste ici. Pas de jugement.", "private", List.of(ids.get("lea")));
        posts.writeInGroup(ids.get("karim"), open, "[Démo] Le tram ligne 1 a de nouveau toutes ses rampes en service 🎉", "", "fr");
        posts.writeInGroup(ids.get("lea"), open, "[Démo] Quelqu’un a testé la plage accessible de Palavas cet été ?", "", "fr");
        posts.writeInGroup(ids.get("camille"), closed, "[Démo] Astuce du jour : la bouillotte sèche au micro-ondes, ça change tout.", "", "fr");
        log.info("Demo groups loaded: 2 groups, 3 posts");
    }
}
