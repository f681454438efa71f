package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpOverHttp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neo4j.driver.Driver;
import org.rampe.HttpDevice;
import org.rampe.TestMembers.WebSession;
import org.rampe.graph.Graph;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Two application instances on two ports, sharing one database (the standalone graph server), one
 * RabbitMQ through the STOMP relay and one Redis (sessions and rate-limit counts), as the README's
 * deployment describes: members connected to different instances talk to each other, see each
 * other's presence, and a member connected to both gets every message on both; a member signed in
 * on one instance is signed in on the other, ending a session on one ends it on both, and a limit
 * counts the attempts made on both. Real processes, real sign-in forms, real STOMP clients.
 *
 * <p>Not a {@code RampeTest}: the application under test runs in other JVMs, against a database of
 * their own; the test talks to it only over HTTP, STOMP and Bolt.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScaleOutTest {

    private static RampeProcesses processes;
    private static RampeProcesses.Graph server;
    private static RampeProcesses.App one;
    private static RampeProcesses.App two;
    private static Driver driver;
    private static Graph graph;
    private static WebSocketStompClient client;
    private static final List<StompMember> connected = new ArrayList<>();

    private static RedisServer redis;

    /** The administrator of both instances (rampe.admins). */
    private static final String ADMIN = "admin_scale";

    @BeforeAll
    static void startTwoInstances() throws Exception {
        RabbitMqBroker.ensureRunning();
        redis = RedisServer.ensureRunning();
        processes = new RampeProcesses("scale-out");
        server = processes.startGraph();
        driver = server.driver();
        graph = new Graph(driver);
        var settings = new ArrayList<>(RabbitMqBroker.relayArguments());
        settings.addAll(redis.arguments());
        // Health components are shown to administrators only (issue 17, SiteHttpTest); these
        // instances show them to anyone, so that healthReportsRedis reads them as a monitor would.
        settings.add("--management.endpoint.health.show-components=always");
        settings.add("--rampe.admins=" + ADMIN);
        // One after the other: the first applies the schema, the second finds it applied.
        one = processes.startApp("one", server, "384m", settings);
        two = processes.startApp("two", server, "384m", settings);
        client = StompMember.client();
    }

    @AfterAll
    static void stop() {
        connected.forEach(StompMember::close);
        if (client != null) {
            client.stop();
        }
        if (driver != null) {
            driver.close();
        }
        if (processes != null) {
            processes.close();
        }
    }

    private static StompMember connect(WebSession web) throws Exception {
        var member = StompMember.connect(client, web, true);
        connected.add(member);
        return member;
    }

    @Test
    void membersOnDifferentInstancesTalkBothWaysEachMessageOnceAndSeeEachOthersPresence() throws Exception {
        WebSession ana = signUpOverHttp(one.baseUrl(), StompMember.account("ana_scale"));
        WebSession bob = signUpOverHttp(two.baseUrl(), StompMember.account("bob_scale"));
        String conversation = ScaleFixtures.direct(graph, "ana_scale", "bob_scale");
        var anaLive = connect(ana);
        var bobLive = connect(bob);

        String first = UUID.randomUUID().toString();
        anaLive.send(conversation, first, "Bonjour depuis l’instance un");
        var ack = StompMember.next(anaLive.acks, 30);
        assertThat(ack).as("ack of the first message").isNotNull().containsEntry("clientId", first).containsEntry("duplicate", false);
        var received = StompMember.next(bobLive.messages, 30);
        assertThat(received).as("Bob, on instance two, receives Ana's message").isNotNull()
                .containsEntry("type", "message").containsEntry("clientId", first).containsEntry("id", ack.get("id"))
                .containsEntry("text", "Bonjour depuis l’instance un");

        String reply = UUID.randomUUID().toString();
        bobLive.send(conversation, reply, "Bien reçu sur l’instance deux");
        var replyAck = StompMember.next(bobLive.acks, 30);
        assertThat(replyAck).isNotNull().containsEntry("clientId", reply).containsEntry("duplicate", false);
        // Ana gets her own message (every participant does, for her other tabs) and then Bob's reply;
        // Bob's queue next holds his own reply. Order on one queue is kept, so once the reply has
        // arrived, anything duplicated before it would already be there.
        var anaSaw = drainUntil(anaLive, reply);
        assertThat(anaSaw).containsExactly(first, reply);
        var bobSaw = drainUntil(bobLive, reply);
        assertThat(bobSaw).containsExactly(reply);
        assertThat(anaLive.acks).isEmpty();
        assertThat(bobLive.acks).isEmpty();
        assertThat(anaLive.errors).isEmpty();
        assertThat(bobLive.errors).isEmpty();

        // Presence: instance one knows Bob (connected to instance two only) is online, through the
        // user registry that the instances broadcast to each other every few seconds.
        assertThat(ScaleFixtures.awaitPresence(anaLive, conversation, "bob_scale", 60))
                .as("Bob's presence as seen from instance one").isNotNull();
    }

    @Test
    void aMemberConnectedToBothInstancesGetsEveryMessageOnBoth() throws Exception {
        WebSession dan = signUpOverHttp(one.baseUrl(), StompMember.account("dan_scale"));
        WebSession cleoOnOne = signUpOverHttp(one.baseUrl(), StompMember.account("cleo_scale"));
        // Two sessions of Cléo's (two devices), one signed in on each instance.
        WebSession cleoOnTwo = StompMember.signIn(two.baseUrl(), "cleo_scale");
        String conversation = ScaleFixtures.direct(graph, "dan_scale", "cleo_scale");
        var danLive = connect(dan);
        // Cléo connects to instance two first, and instance one is given the time to learn it: with a
        // session of Cléo's on instance one too, Spring resolves her sessions from instance one's view
        // of the registry, which the instances broadcast to each other every 10 s (see README).
        var cleoTwo = connect(cleoOnTwo);
        assertThat(ScaleFixtures.awaitPresence(danLive, conversation, "cleo_scale", 60))
                .as("instance one sees Cléo's session on instance two").isNotNull();
        var cleoOne = connect(cleoOnOne);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = UUID.randomUUID().toString();
            sent.add(id);
            danLive.send(conversation, id, "Message " + i);
            assertThat(StompMember.next(danLive.acks, 30)).isNotNull().containsEntry("clientId", id);
        }
        String last = sent.getLast();
        assertThat(drainUntil(danLive, last)).as("Dan, the sender, on instance one").containsExactlyElementsOf(sent);
        assertThat(drainUntil(cleoTwo, last)).as("Cléo on instance two").containsExactlyElementsOf(sent);
        assertThat(drainUntil(cleoOne, last)).as("Cléo on instance one").containsExactlyElementsOf(sent);
    }

    @Test
    void membersOnTheSameInstanceTalkThroughTheRelay() throws Exception {
        WebSession eve = signUpOverHttp(one.baseUrl(), StompMember.account("eve_scale"));
        WebSession fay = signUpOverHttp(one.baseUrl(), StompMember.account("fay_scale"));
        String conversation = ScaleFixtures.direct(graph, "eve_scale", "fay_scale");
        var eveLive = connect(eve);
        var fayLive = connect(fay);
        String id = UUID.randomUUID().toString();
        eveLive.send(conversation, id, "Bonjour");
        assertThat(StompMember.next(eveLive.acks, 30)).isNotNull();
        assertThat(drainUntil(fayLive, id)).containsExactly(id);
    }

    @Test
    void aMemberSignedInOnOneInstanceIsSignedInOnTheOtherAndASessionEndedOnOneIsEndedOnBoth() throws Exception {
        signUpOverHttp(one.baseUrl(), StompMember.account("gil_scale"));
        var phoneOnOne = new HttpDevice(one.baseUrl(), HttpDevice.FIREFOX_ANDROID).signIn(StompMember.email("gil_scale"),
                StompMember.PASSWORD);
        // The same browser, its next request sent to instance two by the load balancer.
        var phoneOnTwo = phoneOnOne.on(two.baseUrl());
        assertThat(phoneOnTwo.signedIn()).as("signed in on one, the session is known on two").isTrue();
        assertThat(graph.count("MATCH (s:Session) RETURN count(s)", Map.of())).as("sessions are in Redis, not the graph").isZero();

        var laptopOnTwo = new HttpDevice(two.baseUrl(), HttpDevice.SAFARI_MAC).signIn(StompMember.email("gil_scale"),
                StompMember.PASSWORD);
        String page = laptopOnTwo.get("/account/sessions").body();
        assertThat(page).contains("Firefox sur Android", "Safari sur macOS");
        var done = laptopOnTwo.post("/account/sessions/others/end", page);
        assertThat(done.statusCode()).isEqualTo(302);

        assertThat(phoneOnOne.signedIn()).as("the phone's session, ended on two, is ended on one").isFalse();
        assertThat(laptopOnTwo.on(one.baseUrl()).signedIn()).isTrue();
    }

    @Test
    void theSignInFailureLimitCountsTheAttemptsMadeOnBothInstances() throws Exception {
        signUpOverHttp(one.baseUrl(), StompMember.account("hana_scale"));
        String email = StompMember.email("hana_scale");
        var guesser = new HttpDevice(one.baseUrl(), HttpDevice.CHROME_WINDOWS);
        // SignInThrottle.FAILURES_PER_ACCOUNT wrong passwords, spread over the two instances.
        for (int i = 0; i < 5; i++) {
            var on = (i % 2 == 0) ? guesser : guesser.on(two.baseUrl());
            var refused = on.post("/signin", on.get("/signin").body(), "email", email, "password", "wrong " + i);
            assertThat(refused.headers().firstValue("Location")).as("attempt " + (i + 1)).hasValueSatisfying(
                    location -> assertThat(location).contains("/signin?error"));
        }
        for (var instance : List.of(one, two)) {
            var device = new HttpDevice(instance.baseUrl(), HttpDevice.SAFARI_MAC);
            var paused = device.post("/signin", device.get("/signin").body(), "email", email, "password", StompMember.PASSWORD);
            assertThat(paused.headers().firstValue("Location")).as("the right password on " + instance.name).hasValueSatisfying(
                    location -> assertThat(location).contains("/signin?throttled"));
        }
    }

    /**
     * Counts live in what the instances share (Redis), and a suspension holds on both at once: the
     * messages a member sends through both count against one allowance, and a suspension decided by
     * an administrator on instance one stops the member's next request on both and their next STOMP
     * frame on instance two, although each instance keeps what it read of the member's suspension
     * (told to forget it through Redis, see InstanceSignals).
     */
    @Test
    void theMessageAllowanceIsSharedByBothInstancesAndASuspensionHoldsOnBothAtOnce() throws Exception {
        signUpOverHttp(one.baseUrl(), StompMember.account("ivy_scale"));
        // The tenth and last sign-up of this address in the hour (SignInThrottle.SIGN_UPS_PER_ADDRESS).
        signUpOverHttp(two.baseUrl(), StompMember.account(ADMIN));
        // The other participant needs no account of their own (the sign-ups per address are few).
        graph.write("CREATE (:Member {id: $id, handle: 'jo_scale', displayName: 'Jo'})", Map.of("id", UUID.randomUUID().toString()));
        String conversation = ScaleFixtures.direct(graph, "ivy_scale", "jo_scale");
        String email = StompMember.email("ivy_scale");
        var ivyOnOne = new HttpDevice(one.baseUrl(), HttpDevice.CHROME_WINDOWS).signIn(email, StompMember.PASSWORD);
        var ivyOnTwo = new HttpDevice(two.baseUrl(), HttpDevice.FIREFOX_ANDROID).signIn(email, StompMember.PASSWORD);
        String page = "/messages/" + conversation;
        // SendThrottle.PER_MINUTE messages, half through each instance: each alone would allow that many.
        for (int i = 0; i < 20; i++) {
            var on = i % 2 == 0 ? ivyOnOne : ivyOnTwo;
            var sent = on.post(page, on.get(page).body(), "text", "Message " + i, "clientId", UUID.randomUUID().toString());
            assertThat(sent.statusCode()).as("message " + (i + 1)).isEqualTo(302);
        }
        for (var on : List.of(ivyOnOne, ivyOnTwo)) {
            var refused = on.post(page, on.get(page).body(), "text", "One too many", "clientId", UUID.randomUUID().toString());
            assertThat(refused.body()).as("the allowance is used up on " + on.base()).contains("Attendez une minute");
        }
        // Ivy live on instance two, seen there (and kept as not suspended) before the decision.
        var ivyLive = connect(StompMember.signIn(two.baseUrl(), "ivy_scale"));
        ivyLive.askPresence(conversation);
        assertThat(StompMember.next(ivyLive.presence, 30)).as("a frame answered before the decision").isNotNull();

        var admin = new HttpDevice(one.baseUrl(), HttpDevice.SAFARI_MAC).signIn(StompMember.email(ADMIN), StompMember.PASSWORD);
        String ivy = graph.one("MATCH (m:Member {handle: 'ivy_scale'}) RETURN m.id AS id", Map.of(), r -> r.get("id").asString())
                .orElseThrow();
        SuspendThroughTheSite.suspend(admin, graph, ivy, "spam", "Des messages en rafale", "7");

        for (var on : List.of(ivyOnOne, ivyOnTwo)) {
            var stopped = on.get("/account");
            assertThat(stopped.statusCode()).as("suspended at once on " + on.base()).isEqualTo(302);
            assertThat(stopped.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/decisions/"));
        }
        ivyLive.askPresence(conversation);
        assertThat(StompMember.next(ivyLive.presence, 5)).as("no answer to the next frame on instance two").isNull();
        // Refused: the ERROR frame naming the suspension, or the closed connection alone when the close
        // overtakes the frame (LiveClient.refusalAfterConnected says when).
        assertThat(ivyLive.problems.toString().contains("suspended") || !ivyLive.connected())
                .as("the next frame on instance two is refused; problems: " + ivyLive.problems).isTrue();
    }

    @Test
    void healthReportsRedis() throws Exception {
        // As a load balancer or a monitor asks (JSON; the endpoint has no HTML answer).
        var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(one.baseUrl() + "/actuator/health"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"redis\":{\"status\":\"UP\"}");
    }

    /** The client ids of the messages received, in order, up to and including {@code last}. */
    static List<String> drainUntil(StompMember member, String last) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            Map<String, Object> m = StompMember.next(member.messages, 30);
            assertThat(m).as("message " + last + " never arrived; before it: " + seen + "; connected: " + member.connected()
                    + "; problems: " + member.problems).isNotNull();
            if ("message".equals(m.get("type"))) {
                seen.add((String) m.get("clientId"));
                if (last.equals(m.get("clientId"))) {
                    return seen;
                }
            }
        }
    }
}
