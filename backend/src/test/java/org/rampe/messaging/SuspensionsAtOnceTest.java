package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.HttpDevice;
import org.rampe.RampeTest;
import org.rampe.TestMembers;

/**
 * A suspension holds from the member's next request and next STOMP frame, and its lifting lets
 * them back as soon, although each instance keeps what it read of a member's suspension (issue 17:
 * reading the graph at every frame was most of the chat's slowest percent). The member has been
 * seen (and kept as not suspended) on a browser and a live connection before an administrator
 * decides, all through the site's forms; the gate must not go on trusting what it kept. Between
 * instances the same holds through Redis: ScaleOutTest.
 */
class SuspensionsAtOnceTest extends RampeTest {

    @Test
    void aSuspensionDecidedOnTheSiteStopsTheNextRequestAndFrameAndItsOverturningLetsTheMemberBackAtOnce() throws Exception {
        members.signUp("noe");
        members.signUp("lou");
        members.signUp(ADMIN_HANDLE);
        members.signUp(SECOND_ADMIN_HANDLE);
        everyoneTakesMessages();
        var noe = new HttpDevice(baseUrl(), HttpDevice.FIREFOX_ANDROID).signIn("noe@example.org", TestMembers.PASSWORD);
        var live = new LiveClient(baseUrl()).signIn("noe");
        String conversation = startConversation(noe);
        live.connect().standardQueues();
        live.send("/app/conversations/" + conversation + "/send", Map.of("clientId", "avant", "text", "Avant"));
        assertThat(live.next("/user/queue/acks")).containsEntry("clientId", "avant");
        assertThat(noe.get("/account").statusCode()).as("seen, not suspended").isEqualTo(200);

        var admin = new HttpDevice(baseUrl(), HttpDevice.SAFARI_MAC).signIn(ADMIN_HANDLE + "@example.org", TestMembers.PASSWORD);
        String decision = SuspendThroughTheSite.suspend(admin, graph, members.idOf("noe"), "harassment", "Messages menaçants", "");

        var stopped = noe.get("/account");
        assertThat(stopped.statusCode()).as("the next request, at once").isEqualTo(302);
        assertThat(stopped.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/decisions/" + decision));
        live.send("/app/conversations/" + conversation + "/send", Map.of("clientId", "apres", "text", "Après"));
        assertThat(live.refusalAfterConnected()).as("the next frame, at once").isIn("ERROR frame: suspended", LiveClient.CLOSED_WITHOUT_REASON);
        assertThat(graph.count("MATCH (m:Message {text: 'Après'}) RETURN count(m)", Map.of())).isZero();

        String page = noe.get("/decisions/" + decision).body();
        assertThat(noe.post("/decisions/" + decision + "/appeal", page, "text", "C’est une erreur").statusCode()).isEqualTo(302);
        var other = new HttpDevice(baseUrl(), HttpDevice.CHROME_WINDOWS).signIn(SECOND_ADMIN_HANDLE + "@example.org", TestMembers.PASSWORD);
        var overturned = other.post("/decisions/" + decision + "/review", other.get("/decisions/" + decision).body(),
                "outcome", "overturned", "reason", "Erreur");
        assertThat(overturned.statusCode()).isEqualTo(302);
        assertThat(noe.get("/account").statusCode()).as("overturned: in again at once").isEqualTo(200);
        live.close();
    }

    /** Noé starts a direct conversation with Lou through the site, as the profile's button does. */
    private String startConversation(HttpDevice noe) throws Exception {
        var started = noe.post("/members/lou/message", noe.get("/messages").body());
        assertThat(started.statusCode()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
