package org.rampe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.neo4j.driver.Driver;
import org.rampe.graph.Graph;
import org.rampe.mail.MailOutbox;
import org.rampe.members.MemberData;
import org.rampe.site.RateLimits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The one application context of the test run: the real application on a free port, with its
 * embedded Neo4j in a fresh directory. Every test starts from an empty graph (the schema stays).
 * MockMvc requests keep their {@code MockHttpSession}; the real server's go through Spring Session
 * ({@link MockMvcSessions}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureMockMvc
@Import(MockMvcSessions.class)
public abstract class RampeTest {

    private static final Path DATA_DIR = createDataDir();
    /**
     * Chosen before the application starts, because its public address ({@code rampe.public-url})
     * names it: passkeys are bound to that origin, and mailed links point to it.
     */
    private static final int PORT = freePort();
    /** The handle that administers the site in tests (configuration, as in production). */
    protected static final String ADMIN_HANDLE = "site_admin";

    /** A second administrator, for what the first may not do alone (review their own decision). */
    protected static final String SECOND_ADMIN_HANDLE = "other_admin";

    @Autowired
    protected Driver driver;

    /** The application's way to run Cypher, for fixtures and checks. */
    @Autowired
    protected Graph graph;

    /** Members signed up through the real form, or written with Cypher. */
    protected TestMembers members;

    /** The mail the application sent, as a real SMTP server in this JVM received it. */
    protected TestMail mail;

    @Autowired
    private RateLimits rateLimits;


    @Autowired
    private List<MemberData> memberData;

    @LocalServerPort
    protected int port;

    @Autowired
    void fixtures(MockMvc mvc, Graph graph, MailOutbox outbox) {
        members = new TestMembers(mvc, graph);
        mail = new TestMail(outbox);
    }

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("rampe.data-dir", DATA_DIR::toString);
        registry.add("rampe.page-cache", () -> "64MB");
        registry.add("rampe.admins", () -> ADMIN_HANDLE + "," + SECOND_ADMIN_HANDLE);
        registry.add("server.port", () -> PORT);
        registry.add("rampe.public-url", RampeTest::publicUrl);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
        // The worker delivers on its own too; tests that wait for a mail deliver at once (TestMail).
        registry.add("rampe.mail.poll-interval", () -> "500ms");
        registry.add("logging.level.com.icegreen.greenmail", () -> "WARN");
        // The daily digest runs only when a test calls it (DailyDigest.send), never at the hour.
        registry.add("rampe.emails.digest-cron", () -> "-");
    }

    @BeforeEach
    void startFromAnEmptyGraph() {
        graph.write("MATCH (n) WHERE NOT any(l IN labels(n) WHERE l STARTS WITH '__Neo4jMigration') DETACH DELETE n");
        mail.purge();
        rateLimits.clear();
    }

    /**
     * Forgets every rate-limit count (issue 17: every state-changing route has one): for a test that
     * does, in one loop, more of one thing than its allowance, such as creating a group per hostile string.
     */
    protected void forgetLimits() {
        rateLimits.clear();
    }

    /**
     * Every relationship type around a {@code :Member} and every property of one that this test
     * left in the graph is declared by the {@link MemberData} of some feature: member data cannot
     * appear that no feature would export or erase. Over the whole run, this holds the declarations
     * to everything the site writes.
     */
    @AfterEach
    void everythingKeptAboutMembersIsOwnedByAFeature() {
        Set<String> relationships = new TreeSet<>();
        Set<String> properties = new TreeSet<>();
        memberData.forEach(d -> {
            relationships.addAll(d.covers().relationships());
            properties.addAll(d.covers().properties());
        });
        var found = graph.one("""
                CALL () { MATCH (:Member)-[r]-() RETURN collect(DISTINCT type(r)) AS types }
                CALL () { MATCH (m:Member) UNWIND keys(m) AS k RETURN collect(DISTINCT k) AS keys }
                RETURN types, keys""", Map.of(), r -> r).orElseThrow();
        Set<String> undeclared = new TreeSet<>();
        found.get("types").asList(v -> v.asString()).stream().filter(t -> !relationships.contains(t))
                .forEach(t -> undeclared.add("relationship " + t));
        found.get("keys").asList(v -> v.asString()).stream().filter(k -> !properties.contains(k))
                .forEach(k -> undeclared.add("property :Member." + k));
        if (!undeclared.isEmpty()) {
            throw new AssertionError("Member data that no feature's MemberData declares: " + undeclared
                    + ". Add it to the covers() of the feature that writes it.");
        }
    }

    /**
     * The members signed up so far take messages from anyone (issue 17: by default only members one
     * follows and members of one's groups may start a conversation), for tests about something else.
     */
    protected void everyoneTakesMessages() {
        graph.write("MATCH (m:Member) SET m.messagesFrom = 'everyone'", Map.of());
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The site's public address in the tests: {@code localhost} (a passkey's relying party must be a name, not 127.0.0.1). */
    protected static String publicUrl() {
        return "http://localhost:" + PORT;
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path createDataDir() {
        try {
            Path dir = Files.createTempDirectory("rampe-test-");
            dir.toFile().deleteOnExit();
            return dir.resolve("data");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
