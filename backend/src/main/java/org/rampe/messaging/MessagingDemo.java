package org.rampe.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rampe.places.DemoMembersCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The messaging part of the demo: a direct conversation and an ad-hoc one between demo members,
 * written through the service members use. Every text (and the title) says it is a demo.
 */
@Component
class MessagingDemo {

    private static final Logger log = LoggerFactory.getLogger(MessagingDemo.class);

    private final MessagingRepository repository;
    private final Messaging messaging;

    MessagingDemo(MessagingRepository repository, Messaging messaging) {
        this.repository = repository;
        this.messaging = messaging;
    }

    @EventListener
    void demoMembersCreated(DemoMembersCreated demo) {
        Map<String, String> ids = demo.memberIds();
        if (!ids.keySet().containsAll(List.of("lea", "karim", "camille"))) {
            return;
        }
        String lea = ids.get("lea");
        String karim = ids.get("karim");
        String camille = ids.get("camille");
        String direct = repository.direct(lea, karim, UUID.randomUUID().toString()).id();
        send(lea, direct, "[Démo] Salut Karim ! Tu prends le tram samedi pour le marché ?");
        send(karim, direct, "[Démo] Oui, celui de 10 h. La rampe de l’arrêt Comédie remarche, je te garde une place à l’avant 😉");
        send(lea, direct, "[Démo] Parfait, à samedi !");
        String trio = repository.adhoc(camille, "[Démo] Sortie au musée Fabre", List.of(lea, karim), UUID.randomUUID().toString()).id();
        send(camille, trio, "[Démo] Le musée Fabre prête des fauteuils et a une visite en audiodescription le 1er dimanche du mois. Ça vous dit ?");
        send(karim, trio, "[Démo] Carrément. On se retrouve devant l’entrée accessible, côté esplanade ?");
        send(lea, trio, "[Démo] Je viens ! Je vérifie les places PMR du parking et je vous dis.");
        log.info("Demo conversations loaded: 2 conversations, 6 messages");
    }

    private void send(String author, String conversation, String text) {
        messaging.send(author, conversation, "demo-" + UUID.randomUUID(), text);
    }
}
