package org.saola.context;

import java.util.List;

/**
 * A module's reader of the change feed ({@link ContextService#consume}). It is given every committed entity
 * change after its position, in commit order, a batch at a time, inside a database transaction that also moves
 * its position past the batch: what it writes through Spring's JDBC support in that call commits together with
 * the new position, so its effects happen once, also across a crash. If it throws, both roll back and the same
 * batch comes again after a pause; so a change it cannot handle must be dealt with (logged, skipped) inside it,
 * or it stops its own progress (never the writers', which do not wait for consumers).
 */
@FunctionalInterface
public interface ChangeConsumer {

    void accept(List<EntityChange> changes) throws Exception;
}
