package org.saola.alerts;

import java.util.List;

/**
 * A rule as a client writes it (API, file import): {@code holdFor} as an ISO 8601 duration ({@code PT10M}),
 * conditions in CEL. Also the shape of a rule in an exported file, shareable between cities.
 */
public record RuleDraft(String name, String entityType, List<String> entityIds, String condition, String clearCondition,
        String holdFor, String severity, String messageVi, String messageEn, String department, Boolean enabled) {
}
