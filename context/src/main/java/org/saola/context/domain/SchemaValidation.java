package org.saola.context.domain;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks entities of bundled Smart Data Models as each tenant chose: {@code off} (the default),
 * {@code warn} (accepted, the problems reported back) or {@code reject} (refused with the problems).
 */
public final class SchemaValidation {

    public enum Mode {
        off, warn, reject
    }

    /** A tenant's mode is re-read at most this often, so a change made on another node takes effect soon. */
    private static final Duration CACHE = Duration.ofSeconds(10);

    private final SmartDataModels models;
    private final Function<TenantId, Mode> modes;
    private final com.github.benmanes.caffeine.cache.Cache<TenantId, Mode> cache;

    public SchemaValidation(SmartDataModels models, Function<TenantId, Mode> modes, java.time.InstantSource clock) {
        this.models = models;
        this.modes = modes;
        this.cache = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE)
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L).build();
    }

    public SmartDataModels models() {
        return models;
    }

    public Mode mode(TenantId tenant) {
        return cache.get(tenant, modes);
    }

    /** Forgets a tenant's cached mode (after it changed here). */
    public void changed(TenantId tenant) {
        cache.invalidate(tenant);
    }

    /**
     * The problems to report (warn mode), none (off, or nothing wrong); in reject mode a problem is refused
     * with an {@link InvalidInputException} listing them.
     */
    /** {@link #check(TenantId, String, ObjectNode, boolean)} for each of an entity's types. */
    public List<String> check(TenantId tenant, List<String> typeIris, ObjectNode attributes, boolean partial) {
        List<String> warnings = new java.util.ArrayList<>();
        for (String typeIri : typeIris) {
            warnings.addAll(check(tenant, typeIri, attributes, partial));
        }
        return warnings;
    }

    public List<String> check(TenantId tenant, String typeIri, ObjectNode attributes, boolean partial) {
        Mode mode = mode(tenant);
        if (mode == Mode.off) {
            return List.of();
        }
        List<String> problems = models.violations(typeIri, attributes, partial);
        if (!problems.isEmpty() && mode == Mode.reject) {
            throw new InvalidInputException("schema", "the entity does not match its Smart Data Model: "
                    + String.join("; ", problems));
        }
        return problems;
    }
}
