package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpOverHttp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neo4j.driver.Driver;
import org.rampe.HttpDevice;
import org.rampe.RampeApplication;
import org.rampe.graph.EmbeddedGraph;
import org.rampe.graph.Graph;

/**
 * {@code rampe import} while the site runs on the same data directory (issue 18): the command finds
 * the instance through {@code <data-dir>/running-bolt-uri} and imports through its Bolt address
 * instead of failing on the store's lock, while members answer places over HTTP on that instance,
 * and no answer is lost. One instance (its embedded graph, as {@code ./rampe} runs it) and the
 * command's own JVM; here beside the other process tests, which start applications the same way
 * ({@link RampeProcesses}).
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ImportIntoRunningInstanceTest {

    private static final Path SHOPS = Path.of("src/main/resources/demo/shops.geojson").toAbsolutePath();
    /** Answers per member while the import runs, at most: three members stay within the site's limit per address (600). */
    private static final int MAX_ANSWERS = 150;

    private static RampeProcesses processes;
    private static RampeProcesses.Embedded instance;

    @BeforeAll
    static void start() throws Exception {
        processes = new RampeProcesses("import-running");
        instance = processes.startAppWithEmbeddedGraph("app", "512m", "64MB", List.of());
    }

    @AfterAll
    static void stop() {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void theCommandLineImportsThroughTheRunningInstanceWhileMembersAnswerAndNoAnswerIsLost() throws Exception {
        var app = instance.app();
        Path data = processes.dir().resolve("app-data");
        assertThat(data.resolve(EmbeddedGraph.RUNNING_FILE)).as("the instance says where it runs").exists();
        assertThat(java.nio.file.Files.getPosixFilePermissions(data.resolve(EmbeddedGraph.RUNNING_FILE)))
                .as("readable by its owner only").containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        // Three members, three places they know before the import.
        List<HttpDevice> devices = new ArrayList<>();
        for (String handle : List.of("imp_ana", "imp_bob", "imp_cy")) {
            signUpOverHttp(app.baseUrl(), StompMember.account(handle));
            devices.add(new HttpDevice(app.baseUrl(), HttpDevice.FIREFOX_ANDROID).signIn(StompMember.email(handle), StompMember.PASSWORD));
        }
        List<String> places = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var form = devices.getFirst().get("/places/new");
            var added = devices.getFirst().post("/places/new", form.body(), "name", "Café avant l’import " + i,
                    "category", "café", "street", "", "postcode", "34000", "city", "Montpellier",
                    "lat", Double.toString(43.61 + i / 1000.0), "lon", "3.87");
            assertThat(added.statusCode()).isEqualTo(302);
            String location = added.headers().firstValue("Location").orElseThrow();
            places.add(location.substring(location.lastIndexOf('/') + 1));
        }

        // The import, in its own JVM, as an operator runs it next to the site.
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RampeApplication.class.getName(), "import", "osm", SHOPS.toString(), "--rampe.data-dir=" + data,
                "--spring.main.banner-mode=off", "--rampe.page-cache=64MB");
        Process importing = new ProcessBuilder(command).directory(processes.dir().toFile()).redirectErrorStream(true).start();
        importing.getOutputStream().close();
        List<String> output = new CopyOnWriteArrayList<>();
        var started = new CountDownLatch(1);
        var over = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(importing.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("Importing osm data from")) {
                        started.countDown();
                    }
                    if (line.contains("rows read:")) {
                        over.set(true);
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            } finally {
                started.countDown();
                over.set(true);
            }
        });

        // Members answer the places they know while the rows go in: each answer a new value, remembered.
        assertThat(started.await(5, TimeUnit.MINUTES)).as("the import starts").isTrue();
        Map<String, List<Integer>> given = new ConcurrentHashMap<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        var duringTheImport = new AtomicInteger();
        List<Thread> answering = new ArrayList<>();
        for (int m = 0; m < devices.size(); m++) {
            HttpDevice device = devices.get(m);
            String place = places.get(m);
            answering.add(Thread.ofPlatform().start(() -> {
                try {
                    String page = device.get("/places/" + place).body();
                    for (int n = 1; n <= MAX_ANSWERS && !over.get(); n++) {
                        var answer = device.post("/places/" + place + "/answers", page, "criterion", "entrance_steps",
                                "value", Integer.toString(n), "comment", "");
                        if (answer.statusCode() == 302 && answer.headers().firstValue("Location").orElse("").endsWith("#criterion-entrance_steps")) {
                            given.computeIfAbsent(place, k -> new CopyOnWriteArrayList<>()).add(n);
                            if (!over.get()) {
                                duringTheImport.incrementAndGet();
                            }
                        } else {
                            refused.add(place + " " + n + ": " + answer.statusCode());
                        }
                    }
                } catch (Exception e) {
                    refused.add(place + ": " + e);
                }
            }));
        }

        assertThat(importing.waitFor(5, TimeUnit.MINUTES)).as("the import ends").isTrue();
        reader.join();
        for (Thread t : answering) {
            t.join();
        }
        String printed = String.join("\n", output);
        assertThat(importing.exitValue()).as(printed).isZero();
        assertThat(printed).contains("Importing into the running instance at " + instance.graph().uri(),
                "953 rows read: 824 created, 0 updated, 129 skipped, 50 values dropped");
        assertThat(refused).as("every answer was taken").isEmpty();
        assertThat(duringTheImport.get()).as("members answered while the import ran").isPositive();

        try (Driver driver = instance.graph().driver()) {
            var graph = new Graph(driver);
            assertThat(graph.count("MATCH (p:Place {source: 'osm'}) RETURN count(p)", Map.of())).isEqualTo(824);
            for (String place : places) {
                List<Integer> values = given.getOrDefault(place, List.of());
                assertThat(graph.count("""
                        MATCH (:Member)-[:GAVE]->(a:Answer {criterion: 'entrance_steps'})-[:ABOUT]->(:Place {id: $id})
                        RETURN count(a)""", Map.of("id", place)))
                        .as("every answer given on %s is kept (history)", place).isEqualTo(values.size());
                if (!values.isEmpty()) {
                    assertThat(graph.one("""
                            MATCH (:Member)-[:GAVE]->(a:Answer {criterion: 'entrance_steps', current: true})-[:ABOUT]->(:Place {id: $id})
                            RETURN a.value AS v""", Map.of("id", place), r -> r.get("v").asString()))
                            .as("the last answer is the current one").hasValue(Integer.toString(values.getLast()));
                }
            }
            assertThat(graph.exists("MATCH (l:ImportLock) WHERE l.token IS NOT NULL RETURN true", Map.of()))
                    .as("the import lock is released").isFalse();
        }
    }
}
