package org.saola.platform.events;

/**
 * Where modules publish domain facts that are not entity changes ({@code ServiceRequestFiled},
 * {@code BallotCast}, {@code AlertRaised}, {@code StaffAccountChanged}): past-tense records, delivered to
 * listeners ({@code @EventListener} methods) only after the transaction that made them true commits, and
 * never if it rolls back. Published outside a transaction, an event is delivered at once.
 *
 * <p>Today the implementation is in-process ({@link InProcessDomainEvents}); when Saola runs on several
 * nodes a Kafka implementation takes its place behind this interface, so listeners on every node hear of
 * the fact (which is how an in-memory copy on another node learns of a change).
 */
public interface DomainEvents {

    void publish(Object event);
}
