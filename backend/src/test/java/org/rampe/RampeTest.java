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
import org.rampe.members.SignInThrottle;
import org.rampe.messaging.SendThrottle;
import org.rampe.social.PostingThrottle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The one application context of the test run: the real application on a random port, with its
 * embedded Neo4j in a fresh directory. Every test starts from an empty graph (the schema stays).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class RampeTest {

    private static final Path DATA_DIR = createDataDir();
    /** The handle that administers the site in tests (configuration, as in production). */
    protected static final String ADMIN_HANDLE = "site_admin";

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
    private SignInThrottle throttle;

    @Autowired
    private PostingThrottle postingThrottle;

    @Autowired
    private SendThrottle sendThrottle;

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
        registry.add("rampe.admins", () -> ADMIN_HANDLE);
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
        throttle.clear();
        postingThrottle.clear();
        sendThrottle.clear();
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

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
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
