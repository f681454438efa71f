package org.rampe.demo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rampe.messaging.Messaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The messaging part of the demo: a direct conversation and an ad-hoc one between demo members,
 * written through the service members use. Every text (and the title) says it is a demo.
 */
@Component
class MessagingDemo {

    private static final Logger log = LoggerFactory.getLogger(MessagingDemo.class);

    private final Messaging messaging;

    MessagingDemo(Messaging messaging) {
        this.messaging = messaging;
    }

    /** Two conversations between the demo members (ids by their short key). */
    void load(Map<String, String> ids) {
        if (!ids.keySet().containsAll(List.of("lea", "karim", "camille"))) {
            return;
        }
        String lea = ids.get("lea");
        String karim = ids.get("karim");
        String camille = ids.get("camille");
        String direct = messaging.startDirect(lea, "demo_karim").id();
        send(lea, direct, "[Démo] Salut Karim ! Tu prends le tram samedi pour le marché ?");
        send(karim, direct, "[Démo] Oui, celui de 10 h. La rampe de l’arrêt Comédie remarche, je te garde une place à l’avant 😉");
        send(lea, direct, "[Démo] Parfait, à samedi !");
        String trio = messaging.startAdhoc(camille, "[Démo] Sortie au musée Fabre", List.of("demo_lea", "demo_karim")).id();
        send(camille, trio, "[Démo] Le musée Fabre prête des fauteuils et a une visite en audiodescription le 1er dimanche du mois. Ça vous dit ?");
        send(karim, trio, "[Démo] Carrément. On se retrouve devant l’entrée accessible, côté esplanade ?");
        send(lea, trio, "[Démo] Je viens ! Je vérifie les places PMR du parking et je vous dis.");
        log.info("Demo conversations loaded: 2 conversations, 6 messages");
    }

    private void send(String author, String conversation, String text) {
        messaging.send(author, conversation, "demo-" + UUID.randomUUID(), text);
    }
}
