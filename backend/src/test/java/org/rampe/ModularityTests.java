package org.rampe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries: each feature package is a module, other modules use only its top-level
 * package (its API; sub-packages are internal), no two modules depend on each other in a cycle, and
 * each depends only on the modules its {@code package-info.java} allows. The run also writes the
 * module map into docs/architecture/: PlantUML diagrams, one canvas per module, and modules.md.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(RampeApplication.class);

    /** docs/architecture at the top of the repository; tests run in backend/. */
    static final Path OUTPUT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("docs/architecture");

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirApiAndWithoutCycles() {
        MODULES.verify();
    }

    @Test
    void everyFeatureIsAModuleWithADisplayName() {
        assertThat(MODULES.stream().map(ApplicationModule::getName)).contains("graph", "site", "images", "members",
                "places", "social", "groups", "associations", "feed", "notifications", "moderation", "messaging", "emails", "demo");
        assertThat(MODULES.stream()).allSatisfy(m -> assertThat(m.getDisplayName()).isNotEqualTo(m.getName()));
    }

    @Test
    void writesTheModuleMap() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(OUTPUT.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        try (var files = Files.list(OUTPUT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml") || f.toString().endsWith(".adoc")).toList()) {
                Files.writeString(file, inStableOrder(Files.readString(file)), StandardCharsets.UTF_8);
            }
        }
        Files.writeString(OUTPUT.resolve("modules.md"), modulesTable(), StandardCharsets.UTF_8);
        assertThat(OUTPUT.resolve("components.puml")).exists();
    }

    /**
     * The Documenter lists relationships and a canvas's items in the order of hash sets, and puts a
     * cell's first item on the cell's line or below it, after blank lines, from one run to the next:
     * sorted and laid out one way, the files change only when the modules do, and a test run leaves
     * the tree clean. Sorts each run of PlantUML {@code Rel(} lines, and each AsciiDoc cell's list
     * (written {@code |* first}, then {@code * next} lines, no blank line between).
     */
    static String inStableOrder(String text) {
        List<String> lines = text.lines().toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("Rel(")) {
                int end = i;
                while (end < lines.size() && lines.get(end).startsWith("Rel(")) {
                    end++;
                }
                out.addAll(lines.subList(i, end).stream().sorted().toList());
                i = end - 1;
                continue;
            }
            boolean cellWithItem = line.startsWith("|* ");
            boolean cellThenItems = line.equals("|") && nextItem(lines, i + 1) > 0;
            if (!cellWithItem && !cellThenItems) {
                out.add(line);
                continue;
            }
            List<String> items = new ArrayList<>();
            if (cellWithItem) {
                items.add(line.substring(1));
            }
            int next = i + 1;
            for (int at = nextItem(lines, next); at > 0; at = nextItem(lines, next)) {
                items.add(lines.get(at));
                next = at + 1;
            }
            Collections.sort(items);
            out.add("|" + items.getFirst());
            out.addAll(items.subList(1, items.size()));
            i = next - 1;
        }
        return String.join("\n", out) + (text.endsWith("\n") ? "\n" : "");
    }

    /** The index of the next list item from {@code from}, over blank lines; -1 when the list ends. */
    private static int nextItem(List<String> lines, int from) {
        int at = from;
        while (at < lines.size() && lines.get(at).isBlank()) {
            at++;
        }
        return at < lines.size() && lines.get(at).startsWith("* ") ? at : -1;
    }

    /** The modules in dependency order (a module after those it uses), with what each uses. */
    static String modulesTable() {
        var sb = new StringBuilder("""
                # Modules (generated)

                Written by `ModularityTests` on every test run from the code itself (Spring Modulith);
                do not edit. What each module owns and how to add one: [../architecture.md](../architecture.md).
                The diagrams next to this file are PlantUML (`components.puml` for all modules,
                `module-<name>.puml` for one), and `module-<name>.adoc` lists a module's beans, events and API.

                | module | what it is | uses | API types |
                | --- | --- | --- | --- |
                """);
        MODULES.stream().sorted(java.util.Comparator.comparingLong(ModularityTests::depth).thenComparing(ApplicationModule::getName))
                .forEach(m -> sb.append("| `").append(m.getName()).append("` | ").append(m.getDisplayName()).append(" | ")
                        .append(m.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getName).sorted()
                                .map(n -> "`" + n + "`").collect(Collectors.joining(", ")))
                        .append(" | ").append(m.getBasePackage().stream().filter(t -> t.getPackageName()
                                .equals(m.getBasePackage().getName()) && t.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                                && t.getEnclosingClass().isEmpty() && !t.getSimpleName().equals("package-info")).count())
                        .append(" |\n"));
        return sb.toString();
    }

    /** How many layers of modules lie under this one. */
    private static long depth(ApplicationModule module) {
        return module.getDirectDependencies(MODULES).uniqueModules().mapToLong(d -> 1 + depth(d)).max().orElse(0);
    }
}
