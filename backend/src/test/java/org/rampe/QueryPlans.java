package org.rampe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.neo4j.driver.summary.Plan;
import org.rampe.graph.Graph;

/**
 * What the planner makes of a query, for the tests that hold hot queries to their indexes: the
 * plan of {@code EXPLAIN} (nothing runs), walked into a list of operators, and the checks those
 * tests share.
 *
 * <p>Neo4j 2026.08 does not print index names in plans: an index seek says
 * {@code POINT INDEX p:Place(location) WHERE ...} or {@code UNIQUE m:Member(id) WHERE id = $id}, and
 * the full-text procedure's index name is auto-parameterised
 * ({@code db.index.fulltext.queryNodes($autostring_0, $q)}). {@link #plannedIndexes} therefore
 * resolves each seek's type, label and properties to an index name through {@code SHOW INDEXES},
 * and takes the full-text index name from the query text once the plan shows the procedure is
 * called.
 */
public final class QueryPlans {

    private static final Pattern INDEX_SEEK = Pattern.compile("\\b(POINT INDEX|RANGE INDEX|TEXT INDEX|UNIQUE) \\w+:(\\w+)\\(([^)]*)\\)");
    private static final Pattern FULLTEXT_NAME = Pattern.compile("db\\.index\\.fulltext\\.queryNodes\\('([^']+)'");
    private static final Set<String> SCANS = Set.of("NodeByLabelScan", "AllNodesScan", "NodeIndexScan");

    private QueryPlans() {
    }

    /**
     * One operator of a plan: its name without the planner's suffix ({@code NodeUniqueIndexSeek},
     * not {@code NodeUniqueIndexSeek@neo4j}) and its details as the plan prints them
     * ({@code UNIQUE me:Member(id) WHERE id = $viewer}; empty when it has none).
     */
    public record Operator(String name, String details) {

        /** Reads a whole label, a whole index or all nodes, instead of seeking. */
        public boolean isScan() {
            return name.contains("Scan");
        }

        /** Reads every node of a label, or every node. */
        public boolean scansALabel() {
            return name.contains("LabelScan") || name.startsWith("AllNodesScan");
        }

        /**
         * Seeks one node through a uniqueness constraint, as the plan writes it:
         * {@code seeksUnique("me:Member(id) WHERE id = $viewer")}.
         */
        public boolean seeksUnique(String seek) {
            return name.equals("NodeUniqueIndexSeek") && details.contains("UNIQUE " + seek);
        }

        @Override
        public String toString() {
            return details.isEmpty() ? name : name + " " + details;
        }
    }

    /** The plan of {@code query} with these parameters, planned in a read transaction. */
    public static Plan plan(Graph graph, String query, Map<String, Object> params) {
        return graph.inRead(tx -> tx.run("EXPLAIN " + query, params).consume().plan());
    }

    /** The plan of {@code query}, planned in a write transaction (a query that writes cannot be planned in a read one). */
    public static Plan planInWrite(Graph graph, String query, Map<String, Object> params) {
        return graph.inWrite(tx -> tx.run("EXPLAIN " + query, params).consume().plan());
    }

    /** The operators of {@code query}'s plan (read transaction), from the top down, depth first. */
    public static List<Operator> explain(Graph graph, String query, Map<String, Object> params) {
        return operators(plan(graph, query, params));
    }

    /** The operators of {@code query}'s plan, planned in a write transaction. */
    public static List<Operator> explainInWrite(Graph graph, String query, Map<String, Object> params) {
        return operators(planInWrite(graph, query, params));
    }

    /** The operators of a plan, from the top down, depth first. */
    public static List<Operator> operators(Plan plan) {
        List<Operator> operators = new ArrayList<>();
        walk(plan, operators);
        return operators;
    }

    private static void walk(Plan plan, List<Operator> operators) {
        operators.add(operator(plan));
        plan.children().forEach(c -> walk(c, operators));
    }

    private static Operator operator(Plan plan) {
        var details = plan.arguments().get("Details");
        return new Operator(plan.operatorType().replaceFirst("@.*$", ""), details == null ? "" : details.asString());
    }

    /**
     * The operators below the first one (on each branch) whose name starts with {@code top}, not
     * that one: with {@code "Top"} (ORDER BY ... LIMIT), those that run for every candidate row
     * rather than for the page.
     */
    public static List<Operator> below(Plan plan, String top) {
        List<Operator> operators = new ArrayList<>();
        below(plan, top, false, operators);
        return operators;
    }

    private static void below(Plan plan, String top, boolean under, List<Operator> operators) {
        Operator op = operator(plan);
        if (under) {
            operators.add(op);
        }
        boolean childrenUnder = under || op.name().startsWith(top);
        plan.children().forEach(c -> below(c, top, childrenUnder, operators));
    }

    /** Fails unless no operator of the plan scans (a label, an index, all nodes). */
    public static void assertScansNothing(List<Operator> operators) {
        assertThat(operators).as("scans in %s", operators).noneMatch(Operator::isScan);
    }

    /**
     * The names of the indexes the plan of {@code query} reads from; fails (AssertionError) when the
     * plan scans a label, an index or all nodes, or reads no index at all.
     */
    public static Set<String> plannedIndexes(Graph graph, String query, Map<String, Object> params) {
        Plan plan = plan(graph, query, params);
        List<Map<String, Object>> indexes = graph.list("SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN *",
                r -> r.asMap());
        Set<String> used = new LinkedHashSet<>();
        List<String> operators = new ArrayList<>();
        for (Operator op : operators(plan)) {
            operators.add(op.name());
            indexOf(op, query, indexes, used);
        }
        for (String op : operators) {
            if (SCANS.contains(op)) {
                throw new AssertionError("The plan scans instead of seeking (" + op + "): " + operators + "\n" + query);
            }
        }
        if (used.isEmpty()) {
            throw new AssertionError("The plan reads no index: " + operators + "\n" + query);
        }
        return used;
    }

    private static void indexOf(Operator op, String query, List<Map<String, Object>> indexes, Set<String> used) {
        String details = op.details();
        var seek = INDEX_SEEK.matcher(details);
        if (op.name().contains("Index")) {
            if (!seek.find()) {
                throw new AssertionError("Unrecognised index operator " + op.name() + ": " + details);
            }
            // A unique seek reads the range index that backs the constraint.
            String type = seek.group(1).equals("UNIQUE") ? "RANGE" : seek.group(1).replace(" INDEX", "");
            String label = seek.group(2);
            List<String> props = List.of(seek.group(3).split(",\\s*"));
            String name = indexes.stream()
                    .filter(i -> type.equals(i.get("type")) && List.of(label).equals(i.get("labelsOrTypes"))
                            && props.equals(i.get("properties")))
                    .map(i -> (String) i.get("name")).findFirst()
                    .orElseThrow(() -> new AssertionError("No " + type + " index on :" + label + props + " for " + details));
            used.add(name);
        }
        if (op.name().equals("ProcedureCall") && details.startsWith("db.index.fulltext.queryNodes(")) {
            var literal = FULLTEXT_NAME.matcher(query);
            if (!literal.find()) {
                throw new AssertionError("Full-text call without a literal index name: " + query);
            }
            String name = literal.group(1);
            boolean exists = indexes.stream().anyMatch(i -> name.equals(i.get("name")) && "FULLTEXT".equals(i.get("type")));
            if (!exists) {
                throw new AssertionError("The query calls the full-text index " + name + ", which does not exist");
            }
            used.add(name);
        }
    }
}
