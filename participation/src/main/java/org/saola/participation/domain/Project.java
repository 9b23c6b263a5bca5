package org.saola.participation.domain;

import org.saola.platform.InvalidInputException;

/** Something residents can fund: what it is, what it costs, and which budget pays ({@code scope}). */
public record Project(String code, String titleVi, String titleEn, String descriptionVi, String descriptionEn,
        long cost, String scope) {

    public Project {
        if (code == null || !code.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidInputException("code", "a project code is 1-63 lower-case letters, digits and dashes; got '" + code + "'",
                    "participation.problem.projectCode");
        }
        titleVi = required("titleVi", titleVi, 200);
        titleEn = required("titleEn", titleEn, 200);
        descriptionVi = optional("descriptionVi", descriptionVi, 4000);
        descriptionEn = optional("descriptionEn", descriptionEn, 4000);
        if (cost <= 0) {
            throw new InvalidInputException("cost", "a project's cost is a positive amount; got " + cost,
                    "participation.problem.projectCost", cost);
        }
        scope = scope == null ? "" : scope.strip();
    }

    public String title(boolean vietnamese) {
        return vietnamese ? titleVi : titleEn;
    }

    public String description(boolean vietnamese) {
        return vietnamese ? descriptionVi : descriptionEn;
    }

    static String required(String field, String value, int max) {
        String v = optional(field, value, max);
        if (v.isEmpty()) {
            throw new InvalidInputException(field, "give " + field + " (1-" + max + " characters)", "participation.problem.required",
                    ProblemArgs.field(field), max);
        }
        return v;
    }

    static String optional(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.length() > max) {
            throw new InvalidInputException(field, field + " has at most " + max + " characters; got " + v.length(),
                    "participation.problem.tooLong", ProblemArgs.field(field), max, v.length());
        }
        return v;
    }
}
