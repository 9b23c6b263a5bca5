package org.saola.reports.domain;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * A category of the service catalogue (an Open311 "service"): what residents can report, who answers for it
 * (a department, or per ward another one: routing is configuration, not code), how soon it should be fixed,
 * how exactly its reports are placed in public, how far to look for an open report of the same kind before a
 * duplicate is filed, and the extra questions it asks.
 */
public record ServiceDefinition(String code, String nameVi, String nameEn, String descriptionVi,
        String descriptionEn, String group, List<String> keywords, Optional<String> department,
        Map<String, String> wardDepartments, Duration target, Privacy privacy, int nearbyMeters,
        List<ServiceAttribute> attributes, boolean active) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public ServiceDefinition {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidInputException("code", "a service code is 1-63 lower-case letters, digits, '_' or '-'; got '"
                    + code + "'");
        }
        nameVi = text("nameVi", nameVi, 200, true);
        nameEn = text("nameEn", nameEn, 200, true);
        descriptionVi = text("descriptionVi", descriptionVi, 2000, false);
        descriptionEn = text("descriptionEn", descriptionEn, 2000, false);
        group = text("group", group, 100, false);
        keywords = keywords == null ? List.of()
                : keywords.stream().map(k -> text("keywords", k, 60, true)).distinct().toList();
        department = department == null ? Optional.empty() : department.filter(d -> !d.isBlank());
        wardDepartments = wardDepartments == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(wardDepartments));
        if (target == null || target.toHours() < 1 || target.toDays() > 365) {
            throw new InvalidInputException("targetHours", "the target time to fix is 1 hour to 365 days");
        }
        if (privacy == null) {
            throw new InvalidInputException("privacy", "privacy is EXACT or APPROXIMATE");
        }
        if (nearbyMeters < 0 || nearbyMeters > 5000) {
            throw new InvalidInputException("nearbyMeters", "nearbyMeters is 0 (no duplicate search) to 5000");
        }
        attributes = attributes == null ? List.of()
                : attributes.stream().sorted(Comparator.comparingInt(ServiceAttribute::order)).toList();
        Set<String> codes = new HashSet<>();
        for (ServiceAttribute a : attributes) {
            if (!codes.add(a.code())) {
                throw new InvalidInputException("attributes", "attribute code " + a.code() + " is used twice");
            }
        }
    }

    static String text(String field, String value, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty()) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (v.length() > max) {
            throw new InvalidInputException(field, field + " has at most " + max + " characters");
        }
        return v;
    }

    /** The department that answers for a report of this kind in this ward. */
    public Optional<String> departmentFor(String ward) {
        if (ward != null && wardDepartments.containsKey(ward)) {
            return Optional.of(wardDepartments.get(ward));
        }
        return department;
    }

    /** Open311's {@code metadata}: whether the service has a definition with attributes to fetch. */
    public boolean hasMetadata() {
        return !attributes.isEmpty();
    }

    public String name(Locale locale) {
        return "vi".equals(locale.getLanguage()) ? nameVi : nameEn;
    }

    public String description(Locale locale) {
        return "vi".equals(locale.getLanguage()) ? descriptionVi : descriptionEn;
    }

    /** Checks every answer against the questions; the answers as kept, by attribute code. */
    public Map<String, List<String>> checkAnswers(Map<String, List<String>> answers) {
        Map<String, List<String>> given = answers == null ? Map.of() : answers;
        for (String code : given.keySet()) {
            if (attributes.stream().noneMatch(a -> a.code().equals(code))) {
                throw new InvalidInputException("attribute[" + code + "]", "service " + this.code
                        + " asks no question '" + code + "'");
            }
        }
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (ServiceAttribute a : attributes) {
            List<String> checked = a.check(given.get(a.code()));
            if (!checked.isEmpty()) {
                kept.put(a.code(), checked);
            }
        }
        return kept;
    }
}
