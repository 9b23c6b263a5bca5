package org.saola.alerts.domain;

import java.time.Instant;
import java.util.UUID;
import org.saola.platform.TenantId;

/** An alert was resolved, by its rule's clear condition ({@code by} is {@code rule}) or by a person. */
public record AlertResolved(TenantId tenant, UUID alertId, UUID ruleId, String entityId, String by, Instant resolvedAt) {
}
