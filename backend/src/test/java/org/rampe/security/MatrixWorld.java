package org.rampe.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rampe.TestMembers;
import org.rampe.graph.Graph;
import org.rampe.images.TestImages;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * The one world the authorization matrix asks about, built once through the real pages (as
 * members do it) and kept as a snapshot of the whole graph, which {@link #restore()} puts back
 * after any request that may have changed it. Who is who ({@link Who}):
 * <ul>
 * <li>{@code olga} (owner) owns everything the routes name: a public post with an image and her
 *     comment, a removed post (a moderator's decision), the private group {@code g} and the hidden
 *     group {@code hg}, with a post in each, a conversation with {@code otto} with a message and an
 *     image, a place with a photo, an association, an archive, a passkey, a notification;</li>
 * <li>{@code otto} (other member) follows her, takes part in her conversation, comments her post;</li>
 * <li>{@code bea} is blocked by olga; {@code mia} is a member with no tie to anything;</li>
 * <li>{@code gus} is a member of both groups, {@code modo} their moderator, {@code max} the
 *     moderator of another group ({@code noa}'s);</li>
 * <li>the administrator; {@code sam}, suspended for 30 days by the administrator's decision;</li>
 * <li>bystanders: {@code rita} asked to join {@code g} and to follow olga; {@code noa}.</li>
 * </ul>
 */
final class MatrixWorld {

    final Map<Who, MockHttpSession> sessions = new EnumMap<>(Who.class);
    /** The objects, by the name the routes' variables are filled from ({@link #fill}). */
    final Map<String, String> ids = new HashMap<>();

    private final MockMvc mvc;
    private final Graph graph;
    private final TestMembers members;
    private List<Map<String, Object>> nodes;
    private List<Map<String, Object>> relationships;

    MatrixWorld(MockMvc mvc, Graph graph, TestMembers members) {
        this.mvc = mvc;
        this.graph = graph;
        this.members = members;
    }

    MatrixWorld build(String adminHandle) throws Exception {
        for (Who who : Who.values()) {
            if (who != Who.VISITOR) {
                sessions.put(who, members.signUp(who == Who.ADMIN ? adminHandle : who.handle));
            }
        }
        var rita = members.signUp("rita");
        var noa = members.signUp("noa");
        var olga = sessions.get(Who.OWNER);
        var otto = sessions.get(Who.OTHER);
        var admin = sessions.get(Who.ADMIN);
        var mia = sessions.get(Who.MEMBER);

        // Her avatar; ties between members.
        done(multipart("/account/profile").file(png("avatar")).with(csrf()).session(olga).param("displayName", "Olga")
                .param("bio", "").param("pronouns", "").param("city", "").param("avatarAlt", "Portrait"));
        done(post("/members/olga/follow").with(csrf()).session(otto));
        done(post("/members/bea/block").with(csrf()).session(olga));
        graph.write("""
                MATCH (a:Member {handle: 'rita'}), (b:Member {handle: 'olga'}) MERGE (a)-[:REQUESTED_FOLLOW {at: datetime()}]->(b)""",
                Map.of());

        // Her post with an image, her comment, otto's comment and reaction (her notifications).
        ids.put("post", after("/posts/", done(multipart("/posts").file(png("images[0]")).with(csrf()).session(olga)
                .param("text", "La rampe de la mairie est réparée").param("alts[0]", "Une rampe"))));
        ids.put("postImage", string("MATCH (:Post {id: $p})-[:HAS_IMAGE]->(i) RETURN i.id AS id", "p", ids.get("post")));
        done(post("/posts/" + ids.get("post") + "/comments").with(csrf()).session(olga).param("text", "Précision d’Olga"));
        ids.put("comment", string("MATCH (:Member {handle: 'olga'})-[:WROTE]->(c:Comment) RETURN c.id AS id"));
        done(post("/posts/" + ids.get("post") + "/comments").with(csrf()).session(otto).param("text", "Merci Olga"));
        done(post("/posts/" + ids.get("post") + "/reactions").with(csrf()).session(otto).param("reaction", "support"));
        ids.put("notification", string("MATCH (:Member {handle: 'olga'})-[:UNREAD]->(n:Notification) RETURN n.id AS id LIMIT 1"));

        // The groups: g (private, rita asks to join), hg (hidden), noa's public group where max moderates.
        ids.put("group", after("/groups/", done(post("/groups").with(csrf()).session(olga).param("name", "Balades").param("kind", "private")
                .param("description", "Pour marcher").param("rules", "Gentillesse"))));
        ids.put("hiddenGroup", after("/groups/", done(post("/groups").with(csrf()).session(olga).param("name", "Cercle").param("kind", "hidden")
                .param("description", "Discret").param("rules", "Discrétion"))));
        ids.put("otherGroup", after("/groups/", done(post("/groups").with(csrf()).session(noa).param("name", "Jardins").param("kind", "public")
                .param("description", "Des jardins").param("rules", "Respect"))));
        for (String group : List.of(ids.get("group"), ids.get("hiddenGroup"))) {
            role("gus", group, "member");
            role("modo", group, "moderator");
        }
        role("max", ids.get("otherGroup"), "moderator");
        done(post("/groups/" + ids.get("group") + "/join").with(csrf()).session(rita));
        ids.put("groupId", string("MATCH (g:Group {slug: $s}) RETURN g.id AS id", "s", ids.get("group")));
        ids.put("hiddenGroupId", string("MATCH (g:Group {slug: $s}) RETURN g.id AS id", "s", ids.get("hiddenGroup")));
        done(post("/groups/" + ids.get("group") + "/posts").with(csrf()).session(olga).param("text", "Rendez-vous samedi"));
        ids.put("groupPost", string("MATCH (p:Post)-[:IN_GROUP]->(:Group {slug: $s}) RETURN p.id AS id", "s", ids.get("group")));
        done(post("/groups/" + ids.get("hiddenGroup") + "/posts").with(csrf()).session(olga).param("text", "Entre nous"));
        ids.put("hiddenGroupPost", string("MATCH (p:Post)-[:IN_GROUP]->(:Group {slug: $s}) RETURN p.id AS id", "s", ids.get("hiddenGroup")));
        // A case in g's queue: gus reports the group post.
        done(post("/report").with(csrf()).session(sessions.get(Who.GROUP_MEMBER)).param("kind", "post").param("id", ids.get("groupPost"))
                .param("reason", "spam"));
        ids.put("case", string("MATCH (c:Case {targetId: $t}) RETURN c.id AS id", "t", ids.get("groupPost")));

        // A removed post of hers: reported by mia, removed by the administrator.
        ids.put("removedPost", after("/posts/", done(multipart("/posts").with(csrf()).session(olga).param("text", "Publicité"))));
        done(post("/report").with(csrf()).session(mia).param("kind", "post").param("id", ids.get("removedPost")).param("reason", "spam"));
        String removedCase = string("MATCH (c:Case {targetId: $t}) RETURN c.id AS id", "t", ids.get("removedPost"));
        done(post("/moderation/cases/" + removedCase + "/decision").with(csrf()).session(admin).param("action", "remove")
                .param("rule", "Règle 1 : pas de publicité").param("reason", "Publicité"));
        ids.put("decision", string("MATCH (d:Decision)-[:ON]->(:Case {id: $c}) RETURN d.id AS id", "c", removedCase));

        // Sam, suspended for 30 days.
        String samPost = after("/posts/", done(multipart("/posts").with(csrf()).session(sessions.get(Who.SUSPENDED)).param("text", "Insultes")));
        done(post("/report").with(csrf()).session(mia).param("kind", "post").param("id", samPost).param("reason", "harassment"));
        String samCase = string("MATCH (c:Case {targetId: $t}) RETURN c.id AS id", "t", samPost);
        done(post("/moderation/cases/" + samCase + "/decision").with(csrf()).session(admin).param("action", "suspend")
                .param("rule", "Règle 2 : respect").param("reason", "Insultes").param("days", "30"));
        ids.put("suspension", string("MATCH (d:Decision)-[:ON]->(:Case {id: $c}) RETURN d.id AS id", "c", samCase));

        // Her conversation with otto: a message with an image.
        ids.put("conversation", after("/messages/", done(post("/members/otto/message").with(csrf()).session(olga))));
        done(multipart("/messages/" + ids.get("conversation")).file(png("image")).with(csrf()).session(olga)
                .param("clientId", "o1").param("text", "On se voit à 15 h").param("alt", "Le plan"));
        ids.put("message", string("MATCH (:Member {handle: 'olga'})-[:SENT]->(m:Message) RETURN m.id AS id"));
        ids.put("messageImage", string("MATCH (:Message {id: $m})-[:HAS_IMAGE]->(i:Image) RETURN i.id AS id", "m", ids.get("message")));

        // Her place, with an answer, a photo, a report by mia and its revisions.
        ids.put("place", after("/places/", done(post("/places/new").with(csrf()).session(olga).param("name", "Café du Jardin")
                .param("category", "café").param("city", "Montpellier").param("lat", "43.61").param("lon", "3.877"))));
        done(post("/places/" + ids.get("place") + "/answers").with(csrf()).session(olga).param("criterion", "entrance_steps").param("value", "0"));
        done(multipart("/places/{id}/photos", ids.get("place")).file(png("file")).with(csrf()).session(olga)
                .param("alt", "Entrée de plain-pied").param("group", "entrance").param("licence", "cc_by_sa_4"));
        ids.put("photo", string("MATCH (:Place {id: $p})-[]-(ph:Photo) RETURN ph.id AS id", "p", ids.get("place")));
        done(post("/places/" + ids.get("place") + "/edit").with(csrf()).session(mia).param("name", "Café du Jardin fleuri")
                .param("category", "café").param("city", "Montpellier").param("lat", "43.61").param("lon", "3.877"));
        done(post("/places/" + ids.get("place") + "/report").with(csrf()).session(mia).param("reason", "closed").param("text", "Fermé"));
        ids.put("placeReport", string("MATCH (r:PlaceReport)-[:ABOUT]->(:Place {id: $p}) RETURN r.id AS id", "p", ids.get("place")));
        ids.put("revision", string("MATCH (:Place {id: $p})-[:REVISED]->(r:Revision) RETURN r.id AS id ORDER BY r.at DESC LIMIT 1",
                "p", ids.get("place")));

        // Her association.
        ids.put("association", after("/associations/", done(post("/associations/new").with(csrf()).session(olga)
                .param("name", "Ville Accessible").param("description", "Pour une ville accessible"))));

        // Her passkey (as a registration stores it) and her archive (as the archive page asks for it).
        ids.put("passkey", UUID.randomUUID().toString());
        graph.write("""
                MATCH (m:Member {handle: 'olga'})
                CREATE (m)-[:HAS_PASSKEY]->(:Passkey {id: $id, credentialId: $credentialId, credentialType: 'public-key',
                    publicKey: $key, signatureCount: 0, uvInitialized: true, transports: ['internal'],
                    backupEligible: false, backupState: false, name: 'Téléphone', createdAt: datetime()})""",
                Map.of("id", ids.get("passkey"), "credentialId", UUID.randomUUID().toString(), "key", new byte[] {1, 2, 3}));
        done(post("/account/data").with(csrf()).session(olga));
        ids.put("archive", awaitArchive());

        ids.put("olgaId", members.idOf("olga"));
        ids.put("gusId", members.idOf("gus"));
        ids.put("ritaId", members.idOf("rita"));
        snapshot();
        return this;
    }

    // ------------------------------------------------------------------ the snapshot

    /**
     * The whole graph (but the migrations' own nodes), as values the driver gives back; each
     * relationship names its two nodes by their place in the list of nodes.
     */
    void snapshot() {
        var taken = graph.one("""
                MATCH (n) WHERE NOT any(l IN labels(n) WHERE l STARTS WITH '__Neo4j')
                WITH collect(n) AS ns
                CALL (ns) {
                    UNWIND range(0, size(ns) - 1) AS i
                    WITH ns[i] AS a, i
                    MATCH (a)-[r]->(b)
                    RETURN collect({from: i, to: b, type: type(r), properties: properties(r)}) AS rels
                }
                RETURN [n IN ns | {labels: labels(n), properties: properties(n)}] AS nodes,
                       [r IN rels | {from: r.from, to: [i IN range(0, size(ns) - 1) WHERE ns[i] = r.to][0],
                                     type: r.type, properties: r.properties}] AS rels""", Map.of(),
                r -> Map.entry(r.get("nodes").asList(v -> v.asMap()), r.get("rels").asList(v -> v.asMap()))).orElseThrow();
        nodes = taken.getKey();
        relationships = taken.getValue();
    }

    /** Puts the snapshot back: every node with its labels and properties (ids included), every relationship. */
    void restore() {
        long start = System.nanoTime();
        graph.inWrite(tx -> {
            tx.run("MATCH (n) WHERE NOT any(l IN labels(n) WHERE l STARTS WITH '__Neo4j') DETACH DELETE n").consume();
            tx.run("""
                    UNWIND $nodes AS n
                    CREATE (x:$(n.labels)) SET x = n.properties
                    WITH collect(x) AS created
                    UNWIND $rels AS r
                    WITH created[r.from] AS a, created[r.to] AS b, r
                    CREATE (a)-[x:$(r.type)]->(b) SET x = r.properties""", Map.of("nodes", nodes, "rels", relationships)).consume();
            return null;
        });
        restores++;
        restoreNanos += System.nanoTime() - start;
    }

    int restores;
    long restoreNanos;

    // ------------------------------------------------------------------ helpers

    private void role(String handle, String slug, String role) {
        graph.write("""
                MATCH (m:Member {handle: $h}), (g:Group {slug: $s}) MERGE (m)-[r:MEMBER_OF]->(g) SET r.role = $role, r.since = datetime()""",
                Map.of("h", handle, "s", slug, "role", role));
    }

    private String awaitArchive() throws InterruptedException {
        for (int i = 0; i < 1_200; i++) {
            var ready = graph.one("MATCH (:Member {handle: 'olga'})-[:ASKED_FOR]->(a:Archive {status: 'ready'}) RETURN a.id AS id",
                    Map.of(), r -> r.get("id").asString());
            if (ready.isPresent()) {
                return ready.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Olga's archive was not ready after a minute");
    }

    private String done(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        String to = response.getRedirectedUrl();
        if (response.getStatus() != 302 || to == null || to.contains("/signin")) {
            throw new AssertionError("The world could not be built: " + request.buildRequest(new org.springframework.mock.web.MockServletContext())
                    .getRequestURI() + " answered " + response.getStatus() + " " + to + "\n" + response.getContentAsString());
        }
        return to;
    }

    private static String after(String prefix, String location) {
        String rest = location.substring(location.indexOf(prefix) + prefix.length());
        int end = rest.indexOf('?') >= 0 ? rest.indexOf('?') : rest.indexOf('#') >= 0 ? rest.indexOf('#') : rest.length();
        return rest.substring(0, end);
    }

    private String string(String query, Object... pairs) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return graph.one(query, params, r -> r.get("id").asString())
                .orElseThrow(() -> new AssertionError("The world lacks: " + query + " " + params));
    }

    private static MockMultipartFile png(String field) {
        return new MockMultipartFile(field, "image.png", "image/png", TestImages.png(40, 30));
    }

    static List<String> names(Map<String, String> ids) {
        return new ArrayList<>(ids.keySet());
    }
}
