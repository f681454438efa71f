package org.rampe.members;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The README.txt at the top of every archive, French then English: what Rampe is, when the archive
 * was made, the rules every file follows, then one section per file the archive holds. Each feature
 * documents its own files in {@code archive-readme/<name>.fr.txt} and {@code .en.txt} (the file's
 * name without {@code .json}; {@code images} for the images folder); a file without its section gets
 * a generic line rather than nothing.
 */
@Component
class ArchiveReadme {

    static final String FOLDER = "archive-readme/";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The README for an archive made at {@code madeAt} holding {@code files} (in archive order). */
    String assemble(Instant madeAt, Collection<String> files) {
        var sections = sections(files);
        var text = new StringBuilder();
        language(text, "fr", madeAt, sections);
        text.append("\n\n");
        language(text, "en", madeAt, sections);
        return text.toString();
    }

    /** The sections an archive with these files has: one per JSON file, one for all the images. */
    static List<String> sections(Collection<String> files) {
        Set<String> sections = new LinkedHashSet<>();
        for (String file : files) {
            if (file.startsWith("images/")) {
                sections.add("images");
            } else if (file.endsWith(".json")) {
                sections.add(file.substring(0, file.length() - ".json".length()));
            } else {
                sections.add(file);
            }
        }
        return new ArrayList<>(sections);
    }

    /** The section's name as a heading: the file, or the folder. */
    private static String shown(String section) {
        return section.equals("images") ? "images/" : section.contains(".") ? section : section + ".json";
    }

    private void language(StringBuilder text, String lang, Instant madeAt, List<String> sections) {
        var date = DateTimeFormatter.ofPattern("fr".equals(lang) ? "d MMMM yyyy 'à' HH:mm" : "MMMM d, yyyy 'at' HH:mm",
                Locale.forLanguageTag(lang)).format(madeAt.atZone(PARIS));
        String intro = resource("_intro." + lang).orElseThrow(() -> new IllegalStateException("No README intro for " + lang));
        text.append(intro.replace("{date}", date).replace("{instant}", madeAt.toString()).strip()).append("\n");
        for (String section : sections) {
            String heading = shown(section);
            text.append("\n").append(heading).append("\n").append("-".repeat(heading.length())).append("\n");
            text.append(resource(section + "." + lang)
                    .orElseGet(() -> resource("_generic." + lang).orElseThrow().replace("{file}", heading)).strip()).append("\n");
        }
    }

    /** Whether a section is written, in both languages (for the test that lists the missing ones). */
    static boolean documented(String section) {
        return resource(section + ".fr").isPresent() && resource(section + ".en").isPresent();
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = ArchiveReadme.class.getClassLoader().getResourceAsStream(FOLDER + name + ".txt")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
