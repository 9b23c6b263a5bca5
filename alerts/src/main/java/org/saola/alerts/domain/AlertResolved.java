package org.saola.alerts.domain;

import java.time.Instant;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * An alert was resolved, by its rule's clear condition ({@code by} is {@code rule}) or by a person;
 * {@code department} is the one it belonged to (null: none).
 */
public record AlertResolved(TenantId tenant, UUID alertId, UUID ruleId, String entityId, String department, String by,
        Instant resolvedAt) {
}
