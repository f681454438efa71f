package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.web.util.HtmlUtils;

/** The privacy page and the accessibility statement over HTTP, in both languages, with the operator's details. */
class PrivacyPagesTest extends RampeTest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    private HttpResponse<String> get(String path, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "text/html")
                .header("Cookie", "rampe_lang=" + language).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(String html) {
        return HtmlUtils.htmlUnescape(html);
    }

    @Test
    void thePrivacyPageNamesTheOperatorWhatIsKeptForHowLongTheRightsAndTheCnilInFrench() throws Exception {
        var response = get("/privacy", "fr");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("RAMPE_SESSION="));
        String body = text(response.body());
        assertThat(body).contains("<title>Vos données personnelles – Rampe</title>", "<h1>Vos données personnelles</h1>",
                Operator.DEMO_NAME, "mailto:" + Operator.DEMO_EMAIL, "coordonnées d’exemple",
                "données de santé (article 9 du RGPD)", "Elles ne sont jamais publiques",
                "href=\"/account/data\"", "href=\"/account/delete\"", "href=\"/account/needs\"", "href=\"/account/profile\"",
                "href=\"https://www.cnil.fr/fr/plaintes\"", "CNIL",
                "7 jours.", "Réservé 30 jours", "18 mois après la suppression du compte", "Jusqu’à leur envoi.",
                "Lien de connexion : 15 minutes. Nouveau mot de passe : 30 minutes. Confirmer une adresse : 48 heures.",
                "30 jours sans visite, et 90 jours au plus", "1 heure sans visite",
                "tile.openstreetmap.org");
        // The transaction logs' retention is the running configuration's (rampe.tx-log-retention, "2 days").
        assertThat(body).containsPattern("<td id=\"log-retention\">2 jours</td>");
    }

    @Test
    void thePrivacyPageIsInEnglishToo() throws Exception {
        String body = text(get("/privacy", "en").body());
        assertThat(body).contains("<html lang=\"en\"", "<h1>Your personal data</h1>", Operator.DEMO_NAME,
                "This is health data (GDPR article 9)", "<td id=\"log-retention\">2 days</td>", "7 days.",
                "18 months after your account is deleted", "https://www.cnil.fr/fr/plaintes", "Make a complaint to the CNIL",
                "href=\"/account/data\"", "href=\"/account/delete\"", "href=\"/account/needs\"");
    }

    @Test
    void theAccessibilityStatementFollowsTheRgaaModelWithTheOperatorAndTheDefenseurDesDroits() throws Exception {
        String fr = text(get("/accessibility", "fr").body());
        assertThat(fr).contains("<h1>Déclaration d’accessibilité</h1>",
                Operator.DEMO_NAME + " s’engage à rendre son site accessible", "partiellement conforme",
                "Aucun audit RGAA complet", "Dérogations pour charge disproportionnée", "7 décembre 2026",
                "axe-core", "clavier seul", "mailto:" + Operator.DEMO_EMAIL,
                "href=\"https://formulaire.defenseurdesdroits.fr/\"", "09 69 39 00 00",
                "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07");
        String en = text(get("/accessibility", "en").body());
        assertThat(en).contains("<h1>Accessibility statement</h1>", "partially compliant", "7 December 2026",
                Operator.DEMO_NAME + " is committed", "https://formulaire.defenseurdesdroits.fr/",
                "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07");
    }

    @Test
    void theStatementListsEveryPageOfAccessibilityMdInBothLanguages() throws Exception {
        List<List<String>> rows = StatementPagesTest.documentedRows();
        for (String language : List.of("fr", "en")) {
            String body = text(get("/accessibility", language).body());
            assertThat(body.split("<li><span>", -1)).as("one list item per row, " + language).hasSizeGreaterThan(rows.size());
            for (List<String> paths : rows) {
                for (String path : paths) {
                    assertThat(body).as(language).contains("<code>" + path + "</code>");
                }
            }
        }
    }

    @Test
    void everyPageLinksToThePrivacyPageAndTheStatementFromItsFooter() throws Exception {
        for (String path : List.of("/", "/places", "/signin", "/members", "/groups", "/privacy", "/accessibility", "/no/such/page")) {
            var response = get(path, "fr");
            String body = response.body();
            assertThat(body).as(path + " answered " + response.statusCode()).contains("<footer");
            String footer = body.substring(body.indexOf("<footer"));
            assertThat(footer).as(path).contains("<a href=\"/privacy\">Vos données personnelles</a>", "<a href=\"/accessibility\">");
        }
    }

    @Test
    void theSignUpFormLinksToThePrivacyPageNearItsButton() throws Exception {
        String body = text(get("/signup", "fr").body());
        int link = body.indexOf("<a href=\"/privacy\">vos données personnelles</a>");
        int button = body.indexOf("Créer mon compte</button>");
        assertThat(link).isPositive().isLessThan(button);
        assertThat(body.substring(link, button)).doesNotContain("<input");
        assertThat(text(get("/signup", "en").body())).contains("<a href=\"/privacy\">your personal data</a>");
    }

    @Test
    void anOperatorWithItsOwnDetailsIsNoLongerADemo() {
        assertThat(new Operator(Operator.DEMO_NAME, Operator.DEMO_EMAIL, "", "").demo()).isTrue();
        var real = new Operator("Association Accès Pour Tous", "contact@acces.fr", "1 rue de la Paix, 75002 Paris", "");
        assertThat(real.demo()).isFalse();
        assertThat(real.hasPostalAddress()).isTrue();
        assertThat(real.hasDpo()).isFalse();
    }
}
