package org.rampe.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.exceptions.Neo4jException;
import org.springframework.stereotype.Component;

/**
 * The one way repositories talk to the graph: a Cypher statement, its {@code $parameters} and how
 * a row becomes a record, without the session and transaction ceremony around them.
 *
 * <ul>
 * <li>{@link #list}, {@link #one}, {@link #exists}, {@link #count}: one statement in a managed read
 * transaction, retried by the driver on transient errors (leader switch, deadlock).</li>
 * <li>{@link #query}: one read statement in an auto-commit transaction, a single round trip (RUN
 * and PULL, where a managed transaction adds BEGIN and COMMIT): for the hot single-statement reads
 * of searches, feeds and header counts. Retried too.</li>
 * <li>{@link #write}, {@link #writeOne}, {@link #writeList}: one statement in a managed write
 * transaction, retried.</li>
 * <li>{@link #inRead} and {@link #inWrite}: several statements in one transaction, for the
 * repository methods that must read before they write or keep two statements atomic.</li>
 * </ul>
 * Because transactions are retried, a callback must have no side effect outside the transaction.
 * Values always go as parameters; {@link #params} builds a map that, unlike {@code Map.of}, takes
 * nulls (a visitor's absent id).
 */
@Component
public class Graph {

    private final Driver driver;

    public Graph(Driver driver) {
        this.driver = driver;
    }

    /** The rows of a read, mapped. */
    public <T> List<T> list(String query, Map<String, Object> params, Function<Record, T> mapper) {
        return Transactions.read(driver, tx -> tx.run(query, params).list(mapper::apply));
    }

    public <T> List<T> list(String query, Function<Record, T> mapper) {
        return list(query, Map.of(), mapper);
    }

    /** The first row of a read, mapped; empty when there is none. */
    public <T> Optional<T> one(String query, Map<String, Object> params, Function<Record, T> mapper) {
        return Transactions.read(driver, tx -> {
            var result = tx.run(query, params);
            return result.hasNext() ? Optional.ofNullable(mapper.apply(result.next())) : Optional.<T>empty();
        });
    }

    /** A read that returns one boolean (its first column); false when it returns no row or null. */
    public boolean exists(String query, Map<String, Object> params) {
        return one(query, params, r -> r.get(0).asBoolean(false)).orElse(false);
    }

    public boolean exists(String query) {
        return exists(query, Map.of());
    }

    /** A read that returns one number (its first column); 0 when it returns no row. */
    public long count(String query, Map<String, Object> params) {
        return one(query, params, r -> r.get(0).asLong(0)).orElse(0L);
    }

    /** One read statement in an auto-commit transaction: one round trip, for hot reads. */
    public <T> List<T> query(String query, Map<String, Object> params, Function<Record, T> mapper) {
        return Transactions.readQuery(driver, query, params, mapper);
    }

    /**
     * One read whose rows are handed over as they arrive (the driver pulls them in batches), for
     * reads too long to hold in memory: a member's archive. Not retried, since the consumer has
     * already acted on the rows it saw; the caller starts again on failure.
     */
    public void each(String query, Map<String, Object> params, Consumer<Record> consumer) {
        Transactions.readEach(driver, query, params, consumer);
    }

    /** A write whose result is not needed. */
    public void write(String query, Map<String, Object> params) {
        Transactions.write(driver, tx -> tx.run(query, params).consume());
    }

    public void write(String query) {
        write(query, Map.of());
    }

    /** A write that answers with a row (the created node's id, whether it changed anything). */
    public <T> Optional<T> writeOne(String query, Map<String, Object> params, Function<Record, T> mapper) {
        return Transactions.write(driver, tx -> {
            var result = tx.run(query, params);
            return result.hasNext() ? Optional.ofNullable(mapper.apply(result.next())) : Optional.<T>empty();
        });
    }

    /** A write that answers with rows. */
    public <T> List<T> writeList(String query, Map<String, Object> params, Function<Record, T> mapper) {
        return Transactions.write(driver, tx -> tx.run(query, params).list(mapper::apply));
    }

    /** Several read statements in one managed transaction. */
    public <T> T inRead(TransactionCallback<T> work) {
        return Transactions.read(driver, work);
    }

    /** Several statements in one managed write transaction. */
    public <T> T inWrite(TransactionCallback<T> work) {
        return Transactions.write(driver, work);
    }

    /** Whether the failure is a uniqueness constraint saying no. */
    public static boolean isConstraintViolation(Neo4jException e) {
        return Transactions.isConstraintViolation(e);
    }

    /** A parameter map from name, value pairs; values may be null. */
    public static Map<String, Object> params(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("params takes name, value pairs");
        }
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
