package org.rampe.demo;

import java.util.List;
import java.util.Map;

import org.rampe.social.Conversation;
import org.rampe.social.PostText;
import org.rampe.social.Posts;
import org.rampe.social.Reaction;
import org.rampe.social.Relations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The social part of the demo: the demo members follow each other, ask and answer, and react,
 * through the same services as members do — so their feeds and notifications fill as they would.
 * Every text says it is a demo.
 */
@Component
class SocialDemo {

    private static final Logger log = LoggerFactory.getLogger(SocialDemo.class);

    /** A demo post by {@code author}, then comments in order: [writer, text, index of the comment it replies to or -1]. */
    record DemoPost(String author, String language, String contentWarning, String text, List<DemoComment> comments,
                    Map<String, Reaction> reactions) {
    }

    record DemoComment(String writer, String text, int replyTo) {
    }

    static final List<DemoPost> POSTS = List.of(
            new DemoPost("lea", "fr", "", """
                    [Démo] Bonjour à toutes et à tous ! Quelqu’un connaît une aide pour financer un fauteuil \
                    électrique neuf dans l’Hérault ? La MDPH m’a parlé de la PCH, mais le reste à charge est énorme 😅""",
                    List.of(new DemoComment("camille", "[Démo] Oui : PCH + fonds départemental de compensation. "
                                    + "L’association APF France handicap aide à monter le dossier : https://www.apf-francehandicap.org", -1),
                            new DemoComment("lea", "[Démo] Merci @demo_camille, je les appelle lundi 🙏", 0),
                            new DemoComment("karim", "[Démo] Pense aussi à ta mutuelle, la mienne a pris une partie.", -1)),
                    Map.of("camille", Reaction.SUPPORT, "karim", Reaction.SUPPORT)),
            new DemoPost("karim", "fr", "", """
                    [Démo] Bonne adresse : la pharmacie près de la Comédie a du personnel formé, on m’a guidé jusqu’au \
                    comptoir et les chiens guides sont bienvenus 🦮 Je l’ai noté sur la fiche du lieu.""",
                    List.of(new DemoComment("lea", "[Démo] Super, merci ! Tu sais si l’entrée est de plain-pied ?", -1),
                            new DemoComment("karim", "[Démo] Oui, et la porte est large, d’après @demo_lea elle-même l’an dernier 😄", 0)),
                    Map.of("lea", Reaction.HELPFUL, "camille", Reaction.THANKS)),
            new DemoPost("camille", "fr", "Fatigue, douleurs", """
                    [Démo] Semaine difficile avec les douleurs. Je poste ici parce que vous comprenez sans que j’aie \
                    à expliquer. Demain ça ira mieux.""",
                    List.of(new DemoComment("lea", "[Démo] Courage Camille, on est là 💜", -1)),
                    Map.of("lea", Reaction.HUG, "karim", Reaction.HUG)),
            new DemoPost("lea", "en", "", """
                    [Demo] Hello to the English speakers here! Rampe shows each place's accessibility for your own \
                    needs: declare them (privately) under "My needs" and searches use them.""",
                    List.of(), Map.of("karim", Reaction.LIKE)));

    private final Relations relations;
    private final Posts posts;
    private final Conversation conversation;

    SocialDemo(Relations relations, Posts posts, Conversation conversation) {
        this.relations = relations;
        this.posts = posts;
        this.conversation = conversation;
    }

    /** The demo members (ids by their short key) follow each other, post, comment and react. */
    void load(Map<String, String> ids) {
        for (String a : ids.keySet()) {
            for (String b : ids.keySet()) {
                if (!a.equals(b)) {
                    relations.follow(ids.get(a), ids.get(b));
                }
            }
        }
        int comments = 0;
        for (DemoPost post : POSTS) {
            String id = posts.write(ids.get(post.author()),
                    new Posts.Draft(PostText.normalise(post.text()), post.contentWarning(), post.language(), "public"), List.of());
            List<String> written = new java.util.ArrayList<>();
            for (DemoComment c : post.comments()) {
                String parent = c.replyTo() < 0 ? null : written.get(c.replyTo());
                written.add(conversation.comment(id, parent, ids.get(c.writer()), PostText.normalise(c.text())).id());
                comments++;
            }
            post.reactions().forEach((member, reaction) -> conversation.reactToPost(id, ids.get(member), reaction));
        }
        log.info("Demo conversation loaded: {} follows, {} posts, {} comments", ids.size() * (ids.size() - 1),
                POSTS.size(), comments);
    }
}
