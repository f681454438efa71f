package org.rampe.demo;

import java.util.Map;

import org.rampe.associations.AssociationForm;
import org.rampe.associations.Associations;
import org.springframework.stereotype.Component;

/**
 * The associations of the demo: one verified, one waiting for an administrator, created through
 * the same service as members use. Their names say they are a demo; their nodes carry {@code demo: true}.
 */
@Component
class AssociationsDemo {

    private final Associations associations;

    AssociationsDemo(Associations associations) {
        this.associations = associations;
    }

    /** The demo's associations, represented by demo members (ids by their short key). */
    void load(Map<String, String> ids) {
        String camille = ids.get("camille");
        String lea = ids.get("lea");
        if (camille != null) {
            String slug = associations.create(camille, new AssociationForm.Fields(
                    "[Démo] Club des sourds de Montpellier",
                    """
                    [Démo] Association de démonstration : elle n’existe pas.
                    Rencontres en langue des signes française (LSF) chaque samedi, ateliers d’initiation pour les \
                    proches, aide aux démarches.""",
                    "[Démo] contact@example.org", "https://example.org/club-sourds-demo"));
            associations.markDemo(slug, true);
        }
        if (lea != null) {
            String slug = associations.create(lea, new AssociationForm.Fields(
                    "[Démo] Parents solidaires 34",
                    """
                    [Démo] Association de démonstration : elle n’existe pas.
                    Des parents d’enfants handicapés s’entraident dans l’Hérault : MDPH, école, loisirs.""",
                    "", ""));
            associations.markDemo(slug, false);
        }
    }
}
