package org.rampe.graph;

import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * One managed transaction per call, retried by the driver on transient errors (leader switch,
 * deadlock). Callbacks must therefore be free of side effects outside the transaction.
 */
public final class Transactions {

    private Transactions() {
    }

    public static <T> T read(Driver driver, TransactionCallback<T> work) {
        try (var session = driver.session()) {
            return session.executeRead(work);
        }
    }

    public static <T> T write(Driver driver, TransactionCallback<T> work) {
        try (var session = driver.session()) {
            return session.executeWrite(work);
        }
    }

    /** Whether the failure is a uniqueness constraint saying no. */
    public static boolean isConstraintViolation(Neo4jException e) {
        return "Neo.ClientError.Schema.ConstraintValidationFailed".equals(e.code());
    }
}
