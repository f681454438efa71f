package org.rampe.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestMembers;
import org.rampe.XssCorpus;
import org.rampe.places.Address;
import org.rampe.places.GeoPoint;
import org.rampe.places.Places;
import org.rampe.site.RateLimits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 17: hostile strings through every form field and request parameter that the application's
 * own mappings declare (a new route or field is covered without editing this test). Fields are
 * found from each handler method: its {@code @RequestParam}s, and the writable properties of its
 * form objects ({@code @ModelAttribute} or implicit). Each field gets each hostile string in turn,
 * the other fields at the form's own defaults. Every answer is a clear 4xx, a page or a redirect,
 * never a 500; every page answered or redirected to holds no active content (XssCorpus, parsed by
 * jsoup as a browser would). The world (two members, a place, a post, a comment, a group, an
 * association, a conversation) is built once, and path variables are filled from it.
 */
class HostileInputTest extends RampeTest {

    /** Routes that would end the signed-in member's own session or account half-way through the run. */
    private static final Pattern LEFT_OUT = Pattern.compile("^/account/(delete|sessions)(/.*)?$");

    @Autowired
    private MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private Places places;

    @Autowired
    private RateLimits rateLimits;

    /**
     * The hostile strings: every other line of the XSS corpus (each field of each route gets all of
     * them, so the run stays within a minute or two), and what the issue lists beyond it.
     */
    static List<String> hostile() {
        List<String> corpus = XssCorpus.strings();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i += 2) {
            all.add(corpus.get(i));
        }
        all.addAll(List.of(
                "<svg><script>alert(1)</script></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
                "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
                "<a href='data:text/html,<script>alert(1)</script>'>x",
                "<p <b>></i></p </div>",
                "' OR 1=1 //", "\"}) MATCH (n) DETACH DELETE n //", "$param} RETURN n //", "`a` // */",
                "*:* OR name:* AND NOT ~ ^2 \\\\", "a* b? \"c\" [d TO e] {f TO g} h~0.5 +i -j && k || !l",
                "\u202Egnp.exe", "\u2066isolated\u2069", "zero\u200Bwidth\u200Djoin\u2060", "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357",
                "🏳️‍🌈 🧑🏿‍🦯 ♿️ 👨‍👩‍👧‍👦",
                "\uD800 lone surrogate", "\u0000nul\u0007bell",
                "x".repeat(100_000)));
        return all;
    }

    /** A form field or request parameter of a route. */
    record Field(String name, String fallback) {
    }

    /** A route and what it takes. */
    record Route(RequestMethod method, String pattern, List<Field> fields, boolean multipart) {
    }

    /** Every GET or POST route of the application with a field to fill, in a stable order, destructive ones last. */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("org.rampe")) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    if (m != RequestMethod.GET && m != RequestMethod.POST || LEFT_OUT.matcher(pattern).matches()) {
                        continue;
                    }
                    var fields = new LinkedHashMap<String, Field>();
                    boolean[] multipart = {false};
                    for (MethodParameter p : method.getMethodParameters()) {
                        collect(p, fields, multipart);
                    }
                    if (!fields.isEmpty() || m == RequestMethod.POST) {
                        routes.add(new Route(m, pattern, List.copyOf(fields.values()), multipart[0]));
                    }
                }
            }
        });
        routes.sort((a, b) -> {
            int d = Boolean.compare(destructive(a.pattern()), destructive(b.pattern()));
            return d != 0 ? d : (a.pattern() + a.method()).compareTo(b.pattern() + b.method());
        });
        return routes;
    }

    private static boolean destructive(String pattern) {
        return pattern.matches(".*/(delete|remove|leave|block|mute|unfollow|withdraw|end|decline|refuse|erase)(/.*)?$");
    }

    private static void collect(MethodParameter p, Map<String, Field> fields, boolean[] multipart) {
        Class<?> type = p.getParameterType();
        if (p.hasParameterAnnotation(PathVariable.class)) {
            return;
        }
        var param = p.getParameterAnnotation(RequestParam.class);
        if (param != null) {
            String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : p.getParameterName();
            if (type == MultipartFile.class || isMultipartList(p)) {
                multipart[0] = true;
            } else if (type == String.class || type == String[].class || Collection.class.isAssignableFrom(type)) {
                fields.put(name, new Field(name, "Bonjour"));
            }
            return;
        }
        boolean form = p.hasParameterAnnotation(ModelAttribute.class)
                || type.getPackageName().startsWith("org.rampe") && !type.isEnum() && !type.isRecord() && !type.isInterface()
                && !type.getSimpleName().endsWith("Id") && !type.getSimpleName().equals("Viewer");
        if (!form || !type.getPackageName().startsWith("org.rampe")) {
            return;
        }
        Object defaults = instantiate(type);
        try {
            for (PropertyDescriptor d : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
                if (d.getWriteMethod() == null) {
                    continue;
                }
                Class<?> t = d.getPropertyType();
                var generic = d.getWriteMethod().getGenericParameterTypes()[0];
                boolean files = t == MultipartFile.class || generic instanceof ParameterizedType pt
                        && pt.getActualTypeArguments()[0] == MultipartFile.class;
                if (files) {
                    multipart[0] = true;
                } else if (t == String.class || t == String[].class || Collection.class.isAssignableFrom(t)) {
                    String fallback = "Bonjour";
                    if (defaults != null && d.getReadMethod() != null && t == String.class) {
                        d.getReadMethod().setAccessible(true);
                        Object v = d.getReadMethod().invoke(defaults);
                        if (v instanceof String s && !s.isEmpty()) {
                            fallback = s;
                        }
                    }
                    fields.put(d.getName(), new Field(d.getName(), fallback));
                }
            }
        } catch (ReflectiveOperationException | java.beans.IntrospectionException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isMultipartList(MethodParameter p) {
        return p.getGenericParameterType() instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] == MultipartFile.class;
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ the world, built once per test

    private final Map<String, String> world = new LinkedHashMap<>();
    private MockHttpSession ines;

    private void buildWorld() throws Exception {
        ines = members.signUp("ines", "Inès");
        MockHttpSession bob = members.signUp("bob", "Bob");
        mvc.perform(post("/members/bob/follow").with(csrf()).session(ines));
        mvc.perform(post("/members/ines/follow").with(csrf()).session(bob));
        world.put("place", places.add("Pharmacie de la Comédie", "pharmacie", new Address("1 rue de la Loge", "34000", "Montpellier"),
                new GeoPoint(43.6085, 3.88), members.idOf("ines"), Map.of()).value());
        mvc.perform(post("/posts").with(csrf()).session(ines).param("text", "Premier message").param("visibility", "public"));
        world.put("post", graph.one("MATCH (:Member {handle: 'ines'})-[:POSTED]->(p:Post) RETURN p.id AS id", Map.of(),
                r -> r.get("id").asString()).orElseThrow());
        mvc.perform(post("/posts/" + world.get("post") + "/comments").with(csrf()).session(bob).param("text", "Un commentaire"));
        world.put("comment", graph.one("MATCH (c:Comment) RETURN c.id AS id LIMIT 1", Map.of(), r -> r.get("id").asString())
                .orElse(UUID.randomUUID().toString()));
        mvc.perform(post("/groups").with(csrf()).session(ines).param("name", "Club des rampes").param("description", "Un groupe")
                .param("rules", "Soyez gentils").param("kind", "public"));
        world.put("group", graph.one("MATCH (g:Group) RETURN g.slug AS s LIMIT 1", Map.of(), r -> r.get("s").asString())
                .orElse("no-group"));
        mvc.perform(post("/associations/new").with(csrf()).session(ines).param("name", "Association Rampe")
                .param("description", "Une association").param("website", "https://example.org"));
        world.put("association", graph.one("MATCH (a:Association) RETURN a.slug AS s LIMIT 1", Map.of(), r -> r.get("s").asString())
                .orElse("no-association"));
        mvc.perform(post("/members/bob/message").with(csrf()).session(ines));
        world.put("conversation", graph.one("MATCH (c:Conversation) RETURN c.id AS id LIMIT 1", Map.of(), r -> r.get("id").asString())
                .orElse(UUID.randomUUID().toString()));
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    /** The route's path with its variables filled from the world (an unknown kind: a random id, answered 404). */
    private String path(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).replaceAll(":.*", "");
            String value = switch (name) {
                case "handle", "member" -> "bob";
                case "slug" -> pattern.contains("associations") ? world.get("association") : world.get("group");
                case "placeId" -> world.get("place");
                case "id" -> pattern.startsWith("/posts") ? world.get("post")
                        : pattern.startsWith("/comments") ? world.get("comment")
                        : pattern.startsWith("/places") ? world.get("place")
                        : pattern.startsWith("/messages") ? world.get("conversation")
                        : UUID.randomUUID().toString();
                default -> UUID.randomUUID().toString();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------ the checks

    private void check(String what, MockHttpServletResponse response, List<String> problems) throws Exception {
        int status = response.getStatus();
        if (status >= 500) {
            problems.add(what + " → " + status);
            return;
        }
        String type = response.getContentType();
        if (type != null && type.startsWith("text/html")) {
            var found = XssCorpus.activeContent(response.getContentAsString(StandardCharsets.UTF_8));
            if (!found.isEmpty()) {
                problems.add(what + " → active content " + found);
            }
        }
        String location = response.getRedirectedUrl();
        if (status / 100 == 3 && location != null && location.startsWith("/")) {
            var followed = mvc.perform(get(URI.create(location)).session(ines)).andReturn().getResponse();
            if (followed.getStatus() >= 500) {
                problems.add(what + " → " + location + " → " + followed.getStatus());
            } else if (followed.getContentType() != null && followed.getContentType().startsWith("text/html")) {
                var found = XssCorpus.activeContent(followed.getContentAsString(StandardCharsets.UTF_8));
                if (!found.isEmpty()) {
                    problems.add(what + " → " + location + " → active content " + found);
                }
            }
        }
    }

    private AbstractMockHttpServletRequestBuilder<?> request(Route route, String path) {
        if (route.method() == RequestMethod.GET) {
            return get(path);
        }
        AbstractMockHttpServletRequestBuilder<?> builder = route.multipart() ? multipart(path) : post(path);
        builder.with(csrf());
        return builder;
    }

    @Test
    void everyFieldOfEveryRouteTakesHostileStringsWithoutA500OrActiveContent() throws Exception {
        buildWorld();
        List<Route> routes = routes();
        assertThat(routes).as("routes found from the mappings").hasSizeGreaterThan(40);
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        List<String> strings = hostile();
        for (Route route : routes) {
            String path = path(route.pattern());
            covered.add(route.method() + " " + route.pattern());
            List<Field> fields = route.fields().isEmpty() ? List.of(new Field("unexpected", "")) : route.fields();
            for (Field field : fields) {
                for (String value : strings) {
                    rateLimits.clear();
                    var request = request(route, path);
                    request.session(ines);
                    for (Field other : route.fields()) {
                        request.param(other.name(), other == field ? value : other.fallback());
                    }
                    if (route.fields().isEmpty()) {
                        request.param("unexpected", value);
                    }
                    String shown = value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
                    String what = route.method() + " " + path + " " + field.name() + "=" + shown;
                    try {
                        check(what, mvc.perform(request).andReturn().getResponse(), problems);
                    } catch (Exception e) {
                        // MockMvc throws what the server would answer with a 500.
                        problems.add(what + " → " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
            }
        }
        // The pages that show what was saved, as the owner and as a visitor.
        for (String page : List.of("/members/ines", "/members/bob", "/posts/" + world.get("post"), "/places/" + world.get("place"),
                "/groups/" + world.get("group"), "/associations/" + world.get("association"), "/feed", "/notifications",
                "/messages/" + world.get("conversation"), "/account/profile", "/members?q=ines", "/groups", "/associations")) {
            check("GET " + page + " (owner)", mvc.perform(get(page).session(ines)).andReturn().getResponse(), problems);
            check("GET " + page + " (visitor)", mvc.perform(get(page)).andReturn().getResponse(), problems);
        }
        System.out.println("HostileInputTest covered " + covered.size() + " routes: " + covered);
        assertThat(problems).as("answers to hostile input").isEmpty();
    }

    @Test
    void savedTextIsInTheGraphExactlyAsSent() throws Exception {
        ines = members.signUp("ines", "Inès");
        List<String> texts = List.of("<script>alert('xss')</script>", "<img src=x onerror=alert(1)>", "' OR 1=1 //",
                "a* b? \"c\" [d TO e]", "🏳️‍🌈 🧑🏿‍🦯 ♿️", "javascript:alert(1)", "<svg/onload=alert(1)>");
        for (String text : texts) {
            rateLimits.clear();
            mvc.perform(post("/posts").with(csrf()).session(ines).param("text", text).param("visibility", "public"));
            mvc.perform(multipart("/account/profile").with(csrf()).session(ines).param("displayName", "Inès").param("bio", text));
            assertThat(graph.count("MATCH (p:Post {text: $t}) RETURN count(p)", Map.of("t", text))).as(text).isEqualTo(1);
            assertThat(graph.count("MATCH (m:Member {handle: 'ines', bio: $t}) RETURN count(m)", Map.of("t", text))).as(text).isEqualTo(1);
        }
        assertThat(graph.count("MATCH (n) RETURN count(n)", Map.of())).isGreaterThan(0);
    }

    @Test
    void aMalformedImageIsRefusedWithAReasonAndLeavesTheGraphAsItWas() throws Exception {
        buildWorld();
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] png = org.rampe.images.TestImages.png(300, 200);
        files.put("truncated.png", java.util.Arrays.copyOf(png, png.length / 2));
        files.put("huge.png", org.rampe.images.TestImages.pngHeaderOnly(100_000, 100_000));
        files.put("bomb.png", org.rampe.images.ImageFuzzTestFiles.pngBomb(8_000, 8_000));
        files.put("page.jpg", "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        // The world's own mails (address verifications) are delivered first: the mail worker takes
        // them out of the outbox on its own, whenever it runs, which is no change of the uploads'
        // (seen in CI: the outbox's mail gone between the two states).
        mail.settle();
        String before = graphState();
        for (var file : files.entrySet()) {
            rateLimits.clear();
            var avatar = mvc.perform(multipart("/account/profile")
                    .file(new org.springframework.mock.web.MockMultipartFile("avatar", file.getKey(), "image/png", file.getValue()))
                    .with(csrf()).session(ines).param("displayName", "Inès").param("avatarAlt", "Mon visage")).andReturn().getResponse();
            assertThat(avatar.getStatus()).as(file.getKey()).isIn(200, 400, 413, 422);
            assertThat(org.jsoup.Jsoup.parse(avatar.getContentAsString(StandardCharsets.UTF_8)).select(".error-summary").text())
                    .as(file.getKey()).isNotEmpty();
            var photo = mvc.perform(multipart("/places/" + world.get("place") + "/photos")
                    .file(new org.springframework.mock.web.MockMultipartFile("file", file.getKey(), "image/jpeg", file.getValue()))
                    .with(csrf()).session(ines).param("alt", "La porte")).andReturn().getResponse();
            assertThat(photo.getStatus()).as(file.getKey()).isIn(200, 400, 413, 422);
            assertThat(org.jsoup.Jsoup.parse(photo.getContentAsString(StandardCharsets.UTF_8)).select(".error-summary").text())
                    .as(file.getKey()).isNotEmpty();
            assertThat(graphState()).as(file.getKey()).isEqualTo(before);
        }
    }

    /** Every node's labels and properties, every relationship's type: what a refused upload must not change. */
    private String graphState() {
        List<String> nodes = new ArrayList<>(graph.list("""
                MATCH (n) WHERE NOT any(l IN labels(n) WHERE l STARTS WITH '__Neo4j')
                OPTIONAL MATCH (n)-[r]->()
                RETURN labels(n) AS l, properties(n) AS p, collect(type(r)) AS out""", Map.of(),
                r -> new TreeSet<>(r.get("l").asList(v -> v.asString())) + " " + new java.util.TreeMap<>(r.get("p").asMap())
                        + " " + new TreeSet<>(r.get("out").asList(v -> v.asString()))));
        java.util.Collections.sort(nodes);
        return nodes.toString();
    }

    @Test
    void invalidUtf8AndOverlongEncodingsAreA4xxOrASaveNeverA500() throws Exception {
        var session = TestMembers.signUpOverHttp(baseUrl(), TestMembers.newMember("ines"));
        var http = HttpClient.newHttpClient();
        List<String> bodies = List.of("%C0%AF%C0%AE%C0%AE", "%FF%FE%FD", "%ED%A0%80", "%E0%80%AF", "%F8%88%80%80%80", "%", "%G1",
                "%C3", "%F4%90%80%80");
        List<String> problems = new ArrayList<>();
        Set<String> tried = new LinkedHashSet<>();
        for (Route route : routes()) {
            if (route.pattern().contains("{") || route.multipart()) {
                continue;
            }
            tried.add(route.method() + " " + route.pattern());
            List<String> names = route.fields().isEmpty() ? List.of("unexpected") : route.fields().stream().map(Field::name).toList();
            for (String bad : bodies) {
                rateLimits.clear();
                StringBuilder form = new StringBuilder("_csrf=" + session.csrf());
                names.forEach(n -> form.append('&').append(n).append('=').append(bad));
                HttpResponse<String> answer;
                if (route.method() == RequestMethod.GET && bad.matches(".*%([^0-9A-F]|.?$).*")) {
                    continue; // not even a URI: no client sends it
                }
                if (route.method() == RequestMethod.GET) {
                    answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + route.pattern() + "?" + form.substring(form.indexOf("&") + 1)))
                            .header("Cookie", "RAMPE_SESSION=" + session.cookie()).GET().build(), HttpResponse.BodyHandlers.ofString());
                } else {
                    answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + route.pattern()))
                            .header("Cookie", "RAMPE_SESSION=" + session.cookie())
                            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                            .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
                }
                if (answer.statusCode() >= 500) {
                    problems.add(route.method() + " " + route.pattern() + " with " + bad + " → " + answer.statusCode());
                }
            }
            // Raw bytes that are no UTF-8 at all, not even percent-encoded.
            if (route.method() == RequestMethod.POST) {
                byte[] raw = ("_csrf=" + session.csrf() + "&" + names.getFirst() + "=").getBytes(StandardCharsets.US_ASCII);
                byte[] body = java.util.Arrays.copyOf(raw, raw.length + 4);
                body[raw.length] = (byte) 0xC0;
                body[raw.length + 1] = (byte) 0xAF;
                body[raw.length + 2] = (byte) 0xFF;
                body[raw.length + 3] = (byte) 0x80;
                var answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + route.pattern()))
                        .header("Cookie", "RAMPE_SESSION=" + session.cookie())
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() >= 500) {
                    problems.add(route.method() + " " + route.pattern() + " with raw bytes → " + answer.statusCode());
                }
            }
        }
        // JSON: the passkey ceremonies read JSON bodies; broken encodings and broken JSON are refused.
        for (String path : List.of("/webauthn/authenticate/options", "/login/webauthn", "/webauthn/register/options", "/webauthn/register")) {
            for (byte[] body : List.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                    "{\"id\":\"\\uD800\",\"rawId\":".getBytes(StandardCharsets.UTF_8), "[[[[[[[[[[".repeat(1000).getBytes(StandardCharsets.UTF_8),
                    ("{\"x\":\"" + "y".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8))) {
                var answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .header("Cookie", "RAMPE_SESSION=" + session.cookie()).header("X-CSRF-TOKEN", session.csrf())
                        .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() >= 500) {
                    problems.add("POST " + path + " with broken JSON → " + answer.statusCode());
                }
            }
        }
        assertThat(tried).hasSizeGreaterThan(15);
        assertThat(problems).isEmpty();
    }
}
