package org.saola.context.store;

import java.util.Objects;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads of several statements that must see one state of the database (a count and its page; rows and blocks). */
final class Snapshots {

    private Snapshots() {
    }

    /** A read-only repeatable-read transaction on the same transaction manager as {@code transaction}. */
    static TransactionTemplate of(TransactionTemplate transaction) {
        TransactionTemplate snapshot = new TransactionTemplate(Objects.requireNonNull(transaction.getTransactionManager()));
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return snapshot;
    }
}
