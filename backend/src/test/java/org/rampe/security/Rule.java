package org.rampe.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the authorization matrix: a route (method and pattern, as Spring maps it), what each
 * viewer gets, the objects its path variables name when they are not the default ones, and the
 * form fields that make an allowed request a real one.
 *
 * <p>Outcomes: {@code ok} (2xx, or a redirect that is the normal answer), {@code signin} (a visitor
 * sent to sign in), {@code 403}, {@code 404}, {@code 410}, {@code decision} (the suspended member
 * sent to the page of their suspension), or any other status as a number.
 */
final class Rule {

    final String method;
    final String pattern;
    final String variant;
    final Map<Who, String> expected = new EnumMap<>(Who.class);
    /** Path variable → the name of the world's object that fills it, for this row ({@link MatrixWorld#ids}). */
    final Map<String, String> objects = new LinkedHashMap<>();
    final List<String[]> params = new ArrayList<>();
    final List<String> files = new ArrayList<>();

    /**
     * {@code route} is "METHOD /pattern"; {@code outcomes} is the default for every viewer, then
     * the exceptions: {@code "403; vis signin, own ok, adm ok"}. The suspended member's default is
     * {@code decision} (every route but a few sends them to their suspension), unless stated.
     */
    Rule(String route, String variant, String outcomes) {
        String[] parts = route.split(" ", 2);
        this.method = parts[0];
        this.pattern = parts[1];
        this.variant = variant;
        String[] split = outcomes.split(";", 2);
        String all = split[0].strip();
        for (Who who : Who.values()) {
            expected.put(who, who == Who.SUSPENDED ? "decision" : all);
        }
        if (split.length > 1) {
            for (String exception : split[1].split(",")) {
                String[] pair = exception.strip().split("\\s+");
                if (pair.length != 2) {
                    throw new IllegalArgumentException(route + ": '" + exception + "' is not 'viewer outcome'");
                }
                expected.put(Who.ofColumn(pair[0]), pair[1]);
            }
        }
    }

    /** Fills {@code {variable}} with the world's object named {@code object} instead of the default. */
    Rule with(String variable, String object) {
        objects.put(variable, object);
        return this;
    }

    Rule params(String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            params.add(new String[] {pairs[i], pairs[i + 1]});
        }
        return this;
    }

    /** A PNG in this multipart field (the request becomes a multipart one). */
    Rule file(String field) {
        files.add(field);
        return this;
    }

    String route() {
        return method + " " + pattern;
    }

    @Override
    public String toString() {
        return route() + (variant == null ? "" : " [" + variant + "]");
    }
}
