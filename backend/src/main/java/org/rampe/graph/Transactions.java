package org.rampe.graph;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.RetryableException;

/**
 * One managed transaction per call, retried by the driver on transient errors (leader switch,
 * deadlock). Callbacks must therefore be free of side effects outside the transaction. Hot
 * single-query reads may use {@link #readQuery} instead.
 */
final class Transactions {

    private Transactions() {
    }

    static <T> T read(Driver driver, TransactionCallback<T> work) {
        try (var session = driver.session()) {
            return session.executeRead(work);
        }
    }

    private static final SessionConfig READ_SESSION = SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build();

    /**
     * One read-only query in an auto-commit transaction: a single round trip to the database (RUN
     * and PULL), where a managed transaction adds BEGIN and COMMIT; for hot single-statement reads
     * such as searches. Tried again on a transient failure, at most three times in all, as a
     * managed transaction would be (without its back-off: a read has nothing to wait for).
     */
    static <T> List<T> readQuery(Driver driver, String query, Map<String, Object> params, Function<Record, T> mapper) {
        for (int attempt = 1; ; attempt++) {
            try (var session = driver.session(READ_SESSION)) {
                return session.run(query, params).list(mapper);
            } catch (Neo4jException e) {
                if (!(e instanceof RetryableException) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** One read-only query in an auto-commit transaction, its rows streamed to the consumer. */
    static void readEach(Driver driver, String query, Map<String, Object> params, java.util.function.Consumer<Record> consumer) {
        try (var session = driver.session(READ_SESSION)) {
            var result = session.run(query, params);
            while (result.hasNext()) {
                consumer.accept(result.next());
            }
        }
    }

    static <T> T write(Driver driver, TransactionCallback<T> work) {
        try (var session = driver.session()) {
            return session.executeWrite(work);
        }
    }

    /** Whether the failure is a uniqueness constraint saying no. */
    static boolean isConstraintViolation(Neo4jException e) {
        return "Neo.ClientError.Schema.ConstraintValidationFailed".equals(e.code());
    }
}
