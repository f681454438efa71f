package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The statement page's list of covered pages and ACCESSIBILITY.md's table are one list: same rows,
 * same order, same paths. A page added to one must be added to the other (site.StatementPages and
 * its words statement.page.* in i18n/privacy*.properties).
 */
class StatementPagesTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** The paths of each row of ACCESSIBILITY.md's "Pages covered" table; "any" rows have none. */
    static List<List<String>> documentedRows() throws IOException {
        Path file = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("ACCESSIBILITY.md");
        List<String> lines = Files.readAllLines(file);
        int start = lines.indexOf("## Pages covered");
        assertThat(start).as("ACCESSIBILITY.md has a 'Pages covered' section").isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|") || line.startsWith("| page |") || line.startsWith("| ---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String pathCell = cells[cells.length - 1].isBlank() && cells.length > 2 ? cells[cells.length - 2] : cells[cells.length - 1];
            List<String> paths = new ArrayList<>();
            CODE.matcher(pathCell).results().forEach(m -> paths.add(m.group(1)));
            rows.add(paths);
        }
        return rows;
    }

    @Test
    void theStatementListsTheSamePagesAsAccessibilityMd() throws IOException {
        List<List<String>> page = StatementPages.PAGES.stream().map(StatementPages.Covered::paths).toList();
        assertThat(page).as("site.StatementPages against ACCESSIBILITY.md's table, row by row").isEqualTo(documentedRows());
        assertThat(page).hasSizeGreaterThan(30);
    }
}
