package org.rampe.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The social graph of {@link HomeFeedBenchmark}, with power-law degrees: 100,000 members,
 * 2,000,000 posts and 1,000,000 follows unless bench.members, bench.posts and bench.follows say
 * otherwise, and the feed inboxes the application would have written for them (computed here in
 * Java, newest {@link FeedRepository#CAP} readable posts per reader, with the horizon where an
 * inbox was cut). Drawn from the benchmark's random numbers, which then go on to pick its readers.
 */
final class HomeFeedGraph {

    static final int MEMBERS = Integer.getInteger("bench.members", 100_000);
    static final int POSTS = Integer.getInteger("bench.posts", 2_000_000);
    static final int FOLLOWS = Integer.getInteger("bench.follows", 1_000_000);
    /**
     * Inboxes are written for members 0 … n-1 (default: all) and for the 1 % who follow the most.
     * Members' roles come from random permutations, so members 0 … n-1 are a uniform sample; uniform
     * readers are drawn from them.
     */
    static final int INBOX_READERS = Integer.getInteger("bench.inboxReaders", MEMBERS);
    static final String PASSWORD = "bench password, not secret";

    private final Random random;

    // The generated graph, by index.
    private long[] postTime;       // epoch millis
    private int[] postAuthor;
    private int[][] postsByAuthor; // newest first
    private int[][] following;     // followees of each member

    HomeFeedGraph(Random random) {
        this.random = random;
    }

    static String memberId(int i) {
        return new UUID(0x5eed_0000_0000_0000L, i).toString();
    }

    static String postId(int i) {
        return new UUID(0xb057_0000_0000_0000L, i).toString();
    }

    /** An index in [0, n) drawn with a power law: small indexes are far more likely. */
    private int skewed(int n, double exponent) {
        return (int) Math.min(n - 1, Math.floor(n * Math.pow(random.nextDouble(), exponent)));
    }

    private int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    long generate(Driver driver, boolean resume) {
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "Generating %,d members, %,d posts, %,d follows and their inboxes%n", MEMBERS, POSTS, FOLLOWS);
        // Who writes much, who is followed by many, who follows many: three power laws over shuffled members.
        int[] prolific = permutation(MEMBERS);
        int[] popular = permutation(MEMBERS);
        int[] avid = permutation(MEMBERS);
        boolean[] privateAccount = new boolean[MEMBERS];
        for (int i = 0; i < MEMBERS; i++) {
            privateAccount[i] = random.nextDouble() < 0.05;
        }
        String hash = "{argon2@SpringSecurity_v5_8}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < MEMBERS && !resume; i++) {
            batch.add(Map.of("id", memberId(i), "email", "member" + i + "@bench.invalid", "handle", "member" + i,
                    "private", privateAccount[i]));
            if (batch.size() == 10_000 || i == MEMBERS - 1) {
                write(driver, """
                        UNWIND $rows AS row
                        CREATE (:Member {id: row.id, email: row.email, handle: row.handle, displayName: 'Member ' + row.handle,
                                passwordHash: $hash, language: 'fr', createdAt: datetime(), textSize: 100,
                                highContrast: false, dyslexiaFont: false, reducedMotion: false, privateAccount: row.private})
                        """, Map.of("rows", List.copyOf(batch), "hash", hash));
                batch.clear();
            }
        }
        progress(started, "members");

        // Posts over the last two years; authors drawn with a power law (the most prolific writes thousands).
        long end = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        long span = Duration.ofDays(730).toMillis();
        postTime = new long[POSTS];
        postAuthor = new int[POSTS];
        boolean[] followersOnly = new boolean[POSTS];
        int[] perAuthor = new int[MEMBERS];
        for (int i = 0; i < POSTS; i++) {
            postAuthor[i] = prolific[skewed(MEMBERS, 2.0)];
            postTime[i] = end - (long) (random.nextDouble() * span);
            followersOnly[i] = random.nextDouble() < 0.2;
            perAuthor[postAuthor[i]]++;
        }
        postsByAuthor = new int[MEMBERS][];
        for (int m = 0; m < MEMBERS; m++) {
            postsByAuthor[m] = new int[perAuthor[m]];
        }
        int[] fill = new int[MEMBERS];
        for (int i = 0; i < POSTS; i++) {
            postsByAuthor[postAuthor[i]][fill[postAuthor[i]]++] = i;
        }
        for (int m = 0; m < MEMBERS; m++) {
            postsByAuthor[m] = sortNewestFirst(postsByAuthor[m]);
        }
        String[] words = {"fauteuil", "rampe", "ascenseur", "Bordeaux", "Montpellier", "dentiste", "aide", "boucle magnétique",
                "LSF", "accessible", "merci", "question", "transport", "allocation", "association", "rendez-vous"};
        for (int i = 0; i < POSTS; i++) {
            StringBuilder text = new StringBuilder("Post ").append(i).append(':');
            for (int w = 0, n = 5 + random.nextInt(20); w < n; w++) {
                text.append(' ').append(words[random.nextInt(words.length)]);
            }
            batch.add(Map.of("author", memberId(postAuthor[i]), "id", postId(i), "text", text.toString(),
                    "visibility", followersOnly[i] ? "followers" : "public", "at", at(postTime[i])));
            if (resume) {
                batch.clear();
            } else if (batch.size() == 20_000 || i == POSTS - 1) {
                write(driver, """
                        UNWIND $rows AS row
                        MATCH (m:Member {id: row.author})
                        CREATE (m)-[:POSTED]->(:Post {id: row.id, text: row.text, contentWarning: '', language: 'fr',
                                                      visibility: row.visibility, createdAt: row.at})
                        """, Map.of("rows", List.copyOf(batch)));
                batch.clear();
                if ((i + 1) % 200_000 == 0) {
                    progress(started, (i + 1) + " posts");
                }
            }
        }

        // Follows: followers drawn from the avid, followees from the popular; no self-follows, no duplicates.
        List<Set<Integer>> followees = new ArrayList<>(MEMBERS);
        for (int m = 0; m < MEMBERS; m++) {
            followees.add(new LinkedHashSet<>());
        }
        int made = 0;
        while (made < FOLLOWS) {
            int a = avid[skewed(MEMBERS, 2.5)];
            int b = popular[skewed(MEMBERS, 2.5)];
            if (a != b && followees.get(a).add(b)) {
                made++;
                batch.add(Map.of("a", memberId(a), "b", memberId(b)));
                if (resume) {
                    batch.clear();
                } else if (batch.size() == 20_000) {
                    writeFollows(driver, batch);
                }
            }
        }
        writeFollows(driver, batch);
        following = new int[MEMBERS][];
        for (int m = 0; m < MEMBERS; m++) {
            following[m] = followees.get(m).stream().mapToInt(Integer::intValue).toArray();
        }
        progress(started, "follows");

        // Inboxes as the fan-out would have left them: each reader's own posts and their followees'
        // (all readable: a follow is an approved follow), newest CAP kept, horizon where it was cut.
        long entries = 0;
        List<Map<String, Object>> inboxes = new ArrayList<>();
        int inBatch = 0;
        Set<String> done = resume ? written(driver) : Set.of();
        // The 1 % who follow the most always get their inbox, whatever the sample: they are measured.
        boolean[] reads = new boolean[MEMBERS];
        for (int r = 0; r < INBOX_READERS; r++) {
            reads[r] = true;
        }
        for (int r : heaviest()) {
            reads[r] = true;
        }
        // Entries name their post by element id: a seek by element id costs less than one through
        // the post id's uniqueness index, and there are millions of entries to write.
        String[] postElement = postElementIds(driver);
        System.out.printf(Locale.ROOT, "Inboxes for members 0 to %,d and the 1 %% who follow the most; %,d written already%n",
                INBOX_READERS - 1, done.size());
        for (int r = 0; r < MEMBERS; r++) {
            if (!reads[r] || done.contains(memberId(r))) {
                continue;
            }
            int total = postsByAuthor[r].length;
            for (int f : following[r]) {
                total += postsByAuthor[f].length;
            }
            int[] candidates = new int[total];
            int k = 0;
            for (int p : postsByAuthor[r]) {
                candidates[k++] = p;
            }
            for (int f : following[r]) {
                for (int p : postsByAuthor[f]) {
                    candidates[k++] = p;
                }
            }
            candidates = sortNewestFirst(candidates);
            Long horizon = null;
            int keep = candidates.length;
            if (candidates.length > FeedRepository.CAP) {
                horizon = postTime[candidates[FeedRepository.CAP]];
                keep = FeedRepository.CAP;
                while (keep > 0 && postTime[candidates[keep - 1]] <= horizon) {
                    keep--;
                }
            }
            if (keep == 0 && horizon == null) {
                continue;
            }
            List<Map<String, Object>> list = new ArrayList<>(keep);
            for (int i = 0; i < keep; i++) {
                list.add(Map.of("post", postId(candidates[i]), "element", postElement[candidates[i]],
                        "at", at(postTime[candidates[i]])));
            }
            Map<String, Object> row = new HashMap<>();
            row.put("reader", memberId(r));
            row.put("horizon", horizon == null ? null : at(horizon));
            row.put("entries", list);
            inboxes.add(row);
            entries += keep;
            inBatch += keep;
            if (inBatch >= 100_000) {
                writeInboxes(driver, inboxes);
                inBatch = 0;
            }
            if ((r + 1) % 10_000 == 0) {
                progress(started, (r + 1) + " inboxes, " + entries + " entries");
            }
        }
        writeInboxes(driver, inboxes);
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf(Locale.ROOT, "Generated in %.1f s (%,d inbox entries)%n", ms / 1000.0, entries);
        return ms;
    }

    /** The members whose inbox is written already (to resume an interrupted generation). */
    private static Set<String> written(Driver driver) {
        try (var session = driver.session()) {
            return new java.util.HashSet<>(session.executeRead(tx -> tx.run("""
                    MATCH (m:Member) WHERE m.feedHorizon IS NOT NULL OR EXISTS { (m)-[:FEED]->() }
                    RETURN m.id AS id""").list(r -> r.get("id").asString())));
        }
    }

    /**
     * Newest first, ties by post id descending, as the feed orders them. Post ids are
     * {@code UUID(prefix, index)}, whose text sorts as the index does, so one long key per post
     * (time, then index) sorts them.
     */
    private int[] sortNewestFirst(int[] posts) {
        long[] keys = new long[posts.length];
        for (int i = 0; i < posts.length; i++) {
            keys[i] = (postTime[posts[i]] << 22) | posts[i];
        }
        Arrays.sort(keys);
        int[] sorted = new int[posts.length];
        for (int i = 0; i < keys.length; i++) {
            sorted[i] = (int) (keys[keys.length - 1 - i] & ((1 << 22) - 1));
        }
        return sorted;
    }

    private static OffsetDateTime at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
    }

    /** The element id of every post, by post index. */
    private static String[] postElementIds(Driver driver) {
        String[] ids = new String[POSTS];
        try (var session = driver.session()) {
            session.executeRead(tx -> {
                var result = tx.run("MATCH (p:Post) RETURN p.id AS id, elementId(p) AS element");
                while (result.hasNext()) {
                    var r = result.next();
                    ids[(int) UUID.fromString(r.get("id").asString()).getLeastSignificantBits()] = r.get("element").asString();
                }
                return null;
            });
        }
        return ids;
    }

    /** The 1 % of members who follow the most, by index (from the generated follows). */
    private int[] heaviest() {
        Integer[] order = new Integer[MEMBERS];
        for (int i = 0; i < MEMBERS; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(following[b].length, following[a].length));
        int[] top = new int[MEMBERS / 100];
        for (int i = 0; i < top.length; i++) {
            top[i] = order[i];
        }
        return top;
    }

    private static void writeFollows(Driver driver, List<Map<String, Object>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        write(driver, """
                UNWIND $rows AS row
                MATCH (a:Member {id: row.a}), (b:Member {id: row.b})
                CREATE (a)-[:FOLLOWS {since: datetime()}]->(b)
                """, Map.of("rows", List.copyOf(batch)));
        batch.clear();
    }

    private static void writeInboxes(Driver driver, List<Map<String, Object>> inboxes) {
        if (inboxes.isEmpty()) {
            return;
        }
        write(driver, """
                UNWIND $rows AS row
                MATCH (r:Member {id: row.reader})
                SET r.feedHorizon = row.horizon
                WITH r, row
                UNWIND row.entries AS e
                MATCH (p:Post) WHERE elementId(p) = e.element
                CREATE (r)-[:FEED {at: e.at, post: e.post}]->(p)
                """, Map.of("rows", List.copyOf(inboxes)));
        inboxes.clear();
    }

    private static void write(Driver driver, String query, Map<String, Object> params) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(query, params).consume());
        }
    }

    private static void progress(long started, String what) {
        System.out.printf(Locale.ROOT, "  %s, %d s%n", what, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    static Map<String, Long> counts(Driver driver) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> {
                var r = tx.run("""
                        CALL { MATCH (m:Member) RETURN count(m) AS members }
                        CALL { MATCH (p:Post) RETURN count(p) AS posts }
                        CALL { MATCH ()-[f:FOLLOWS]->() RETURN count(f) AS follows }
                        CALL { MATCH ()-[f:FEED]->() RETURN count(f) AS inboxEntries }
                        CALL { MATCH (m:Member) WHERE m.feedHorizon IS NOT NULL RETURN count(m) AS cutInboxes }
                        CALL { MATCH (m:Member) RETURN max(COUNT { (m)-[:FOLLOWS]->() }) AS maxFollowing,
                                                       max(COUNT { (m)<-[:FOLLOWS]-() }) AS maxFollowers,
                                                       max(COUNT { (m)-[:POSTED]->() }) AS maxPosts }
                        RETURN members, posts, follows, inboxEntries, cutInboxes, maxFollowing, maxFollowers, maxPosts""").single();
                Map<String, Long> m = new java.util.LinkedHashMap<>();
                for (String k : r.keys()) {
                    m.put(k, r.get(k).asLong());
                }
                return m;
            });
        }
    }
}
