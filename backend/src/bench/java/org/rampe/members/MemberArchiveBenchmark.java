package org.rampe.members;

import static org.rampe.TestMembers.newMember;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rampe.Latencies;
import org.rampe.RampeApplication;
import org.rampe.TestArchives;
import org.rampe.TestMembers;
import org.rampe.graph.Graph;
import org.rampe.images.Images;
import org.rampe.messaging.Messaging;
import org.rampe.site.RateLimits;
import org.rampe.social.Posts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long a member waits for their archive, and what it costs the server's memory: a heavy member
 * (10,000 posts, 10,000 messages in 20 conversations, 200 photos of about 300 KB) and a light one
 * (a tenth of it), each signed up through the site's form, asking for the archive through
 * {@code POST /account/data}, the page's status polled until ready, the ZIP downloaded and read
 * back. The content is written through the features' services (as the forms would), in the
 * application's own embedded database. Heap: a sampler forces a full collection every second while
 * an archive is being built and records the live heap (what is still reachable), in a second
 * build after the timed one, so the timed one is not slowed by it. Then the member deletes their
 * account through {@code POST /account/delete} (one heavy member keeps their posts anonymised, the
 * other removes them), timed until the answer. Writes
 * {@code backend/target/bench-results/member-archive.md}.
 *
 * <p>Run (see docs/benchmarks.md):
 * {@code ./mvnw -o -pl backend -am test -Pbench -Dtest=MemberArchiveBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * — {@code -Dbench.posts=10000 -Dbench.messages=10000 -Dbench.images=200} are the defaults.
 */
@Tag("benchmark")
class MemberArchiveBenchmark {

    static final int POSTS = Integer.getInteger("bench.posts", 10_000);
    static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    static final int IMAGES = Integer.getInteger("bench.images", 200);
    static final int CONVERSATIONS = 20;
    private static final Pattern ARCHIVE_LINK = Pattern.compile("/account/data/archives/([0-9a-f-]{36})");

    private final Random random = new Random(20261207L);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Row(String member, long posts, long messages, long images, double seconds, long zipBytes, int entries,
               long liveHeapBeforeMb, long liveHeapPeakMb, double sampledSeconds, String choice, double erasureSeconds) {
    }

    @Test
    void memberArchive() throws Exception {
        Path appDir = Files.createTempDirectory("rampe-bench-archive-");
        Instant date = Instant.now();
        List<Row> rows = new ArrayList<>();
        // Arguments, not default properties: application.properties' own rampe.data-dir would win over those.
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RampeApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--rampe.data-dir=" + appDir)) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            // The friends they write to need no session: written as the tests write members (the
            // sign-up form allows only so many accounts an hour from one address).
            var friends = new TestMembers(null, app.getBean(Graph.class));
            List<String> others = new ArrayList<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                others.add("friend" + i);
                friends.create("friend" + i);
            }
            rows.add(run(app, base, "light", POSTS / 10, MESSAGES / 10, IMAGES / 10, others, "remove"));
            rows.add(run(app, base, "heavy", POSTS, MESSAGES, IMAGES, others, "keep"));
            rows.add(run(app, base, "heavy2", POSTS, MESSAGES, IMAGES, others, "remove"));
        } finally {
            Latencies.deleteRecursively(appDir);
        }
        String report = report(date, rows);
        System.out.println(report);
        Path out = Path.of("target", "bench-results", "member-archive.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    private Row run(ConfigurableApplicationContext app, String base, String handle, int posts, int messages, int images,
                    List<String> others, String choice) throws Exception {
        var session = TestMembers.signUpOverHttp(base, newMember(handle));
        Graph graph = app.getBean(Graph.class);
        String id = graph.one("MATCH (m:Member {handle: $handle}) RETURN m.id AS id", Map.of("handle", handle),
                r -> r.get("id").asString()).orElseThrow();
        long started = System.nanoTime();
        write(app, id, posts, messages, images, others);
        System.out.printf(Locale.ROOT, "%s: %d posts, %d messages, %d images written in %.0f s%n", handle, posts, messages, images,
                (System.nanoTime() - started) / 1e9);

        // The timed build.
        long t0 = System.nanoTime();
        String archive = askAndWait(base, session);
        double seconds = (System.nanoTime() - t0) / 1e9;
        byte[] zip = download(base, session, archive);
        var read = TestArchives.read(zip);
        int postsInArchive = read.json("posts.json").get("posts").size();
        int messagesInArchive = read.json("messages.json").get("messages").size();
        long imagesInArchive = read.files().keySet().stream().filter(f -> f.startsWith("images/") && f.endsWith(".jpg")).count();
        if (postsInArchive != posts || messagesInArchive != messages || imagesInArchive < images) {
            throw new IllegalStateException("The archive holds " + postsInArchive + " posts, " + messagesInArchive + " messages, "
                    + imagesInArchive + " images");
        }

        // A second build, with the live heap sampled (a full collection a second).
        long before = liveHeapMb();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(liveHeapMb(), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t1 = System.nanoTime();
        askAndWait(base, session);
        double sampledSeconds = (System.nanoTime() - t1) / 1e9;
        sampler.interrupt();
        sampler.join();

        // Then the member deletes their account, through the page's form; the answer comes when it is done.
        long t2 = System.nanoTime();
        var erased = http.send(HttpRequest.newBuilder(URI.create(base + "/account/delete")).timeout(Duration.ofMinutes(10))
                .header("Cookie", "RAMPE_SESSION=" + session.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8)
                        + "&choice=" + choice + "&password=" + URLEncoder.encode(TestMembers.PASSWORD, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        double erasureSeconds = (System.nanoTime() - t2) / 1e9;
        if (erased.statusCode() != 302 || graph.exists("MATCH (m:Member {id: $id}) RETURN true", Map.of("id", id))) {
            throw new IllegalStateException("The erasure answered " + erased.statusCode());
        }
        return new Row(handle, postsInArchive, messagesInArchive, imagesInArchive, seconds, zip.length, read.files().size(),
                before, peak.get(), sampledSeconds, choice, erasureSeconds);
    }

    /** Posts (the first {@code images} with a photo) and messages, through the features' services. */
    private void write(ConfigurableApplicationContext app, String id, int posts, int messages, int images, List<String> others)
            throws Exception {
        Posts postsService = app.getBean(Posts.class);
        Messaging messaging = app.getBean(Messaging.class);
        RateLimits limits = app.getBean(RateLimits.class);
        for (int i = 0; i < posts; i++) {
            List<Posts.NewImage> photos = i < images
                    ? List.of(new Posts.NewImage(Images.clean(photo()), "Photo " + i + " : une rampe d'accès, vue de face"))
                    : List.of();
            postsService.write(id, new Posts.Draft(text("Billet", i), "", "fr", "public"), photos);
        }
        List<String> conversations = new ArrayList<>();
        // Issue 17: a first message needs the other's consent; the friends take messages from anyone.
        app.getBean(Graph.class).write("MATCH (m:Member) WHERE m.handle IN $others SET m.messagesFrom = 'everyone'",
                Map.of("others", others));
        for (String other : others) {
            conversations.add(messaging.startDirect(id, other).id());
        }
        for (int i = 0; i < messages; i++) {
            if (i % 15 == 0) {
                limits.clear();
            }
            messaging.send(id, conversations.get(i % conversations.size()), "bench-" + i, text("Message", i));
        }
    }

    private String text(String kind, int i) {
        return kind + " " + i + " — la rampe du marché est praticable 👍, l'ascenseur de la gare ne l'est pas. مرحبا " + random.nextInt(1_000_000);
    }

    /** A photo-like JPEG (noise compresses badly, like a photograph): about 1200 × 900, 300 KB. */
    private byte[] photo() throws Exception {
        var image = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 900; y++) {
            for (int x = 0; x < 1200; x++) {
                int v = (x * 255 / 1200 + random.nextInt(48)) & 0xff;
                image.setRGB(x, y, (v << 16) | ((y * 255 / 900) << 8) | (v ^ 0x55));
            }
        }
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** Asks through the page's form, then polls the page until a new ready link appears; returns the archive id. */
    private String askAndWait(String base, TestMembers.WebSession session) throws Exception {
        var before = ids(get(base + "/account/data", session).body());
        var asked = http.send(HttpRequest.newBuilder(URI.create(base + "/account/data")).timeout(Duration.ofSeconds(30))
                .header("Cookie", "RAMPE_SESSION=" + session.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (asked.statusCode() != 302) {
            throw new IllegalStateException("Asking for the archive answered " + asked.statusCode());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            var page = get(base + "/account/data", session).body();
            for (String id : ids(page)) {
                if (!before.contains(id)) {
                    return id;
                }
            }
            if (page.contains("data-archive-status=\"failed\"")) {
                throw new IllegalStateException("The archive failed");
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No archive after 10 minutes");
    }

    private static List<String> ids(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = ARCHIVE_LINK.matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private HttpResponse<String> get(String url, TestMembers.WebSession session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Cookie", "RAMPE_SESSION=" + session.cookie()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] download(String base, TestMembers.WebSession session, String archive) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/account/data/archives/" + archive))
                .timeout(Duration.ofMinutes(2)).header("Cookie", "RAMPE_SESSION=" + session.cookie()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Download answered " + response.statusCode());
        }
        return response.body();
    }

    /** The heap still reachable: used heap right after a full collection. */
    private static long liveHeapMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static String report(Instant date, List<Row> rows) {
        var runtime = Runtime.getRuntime();
        var s = new StringBuilder("## Member archive (").append(date).append(")\n\n")
                .append("Machine: ").append(runtime.availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", max heap ")
                .append(runtime.maxMemory() / (1024 * 1024)).append(" MiB\n\n")
                .append("| member | posts | messages | images | archive ready in (s, through HTTP) | ZIP | files | live heap before | live heap peak while building | build with sampler (s) | erasure (choice) | erasure (s, through HTTP) |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %.1f MiB | %,d | %d MiB | %d MiB | %.1f | %s | %.1f |%n",
                    r.member(), r.posts(), r.messages(), r.images(), r.seconds(), r.zipBytes() / (1024.0 * 1024.0), r.entries(),
                    r.liveHeapBeforeMb(), r.liveHeapPeakMb(), r.sampledSeconds(), r.choice(), r.erasureSeconds()));
        }
        return s.toString();
    }
}
