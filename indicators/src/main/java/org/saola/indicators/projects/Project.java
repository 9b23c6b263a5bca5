package org.saola.indicators.projects;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * A smart-city project in the city's public register: what it is for, who answers for it, what it costs and with
 * whom, when it started and when its change took effect ({@code liveOn}, from which its indicators are compared
 * before and after), the indicators it is meant to move, and its human-rights and equity assessment (who benefits,
 * who could be left out or harmed, the personal data it uses, what mitigates the risks). Texts in Vietnamese and
 * English. As JSON in the API and the staff form; {@link #check} makes a checked copy or names the field at fault.
 */
public record Project(String code, String nameVi, String nameEn, String goalVi, String goalEn, String department, Long budgetVnd,
        List<String> partners, String status, LocalDate startedOn, LocalDate liveOn, List<String> indicators, Assessment assessment) {

    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    /** Where a project stands. */
    public static final List<String> STATUSES = List.of("PLANNED", "IN_PROGRESS", "LIVE", "COMPLETED", "CANCELLED");

    /** The human-rights and equity assessment, in both languages, with when and by whom it was made. */
    public record Assessment(String benefitsVi, String benefitsEn, String risksVi, String risksEn, String personalDataVi,
            String personalDataEn, String mitigationVi, String mitigationEn, LocalDate assessedOn, String assessedBy) {
    }

    /** A checked copy: every text present and bounded, the status known, the dates in order, each indicator named once. */
    public Project check(Set<String> knownIndicators) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidInputException("code", "a project's code is 2-60 lower-case letters, digits or '-'; got " + code);
        }
        text("nameVi", nameVi, 200);
        text("nameEn", nameEn, 200);
        text("goalVi", goalVi, 4000);
        text("goalEn", goalEn, 4000);
        if (department != null && (department.isBlank() || department.length() > 60)) {
            throw new InvalidInputException("department", "a department's code, or no department");
        }
        if (budgetVnd != null && (budgetVnd < 0 || budgetVnd > 1_000_000_000_000_000L)) {
            throw new InvalidInputException("budgetVnd", "a budget is zero or more đồng");
        }
        List<String> p = partners == null ? List.of() : partners;
        if (p.size() > 50) {
            throw new InvalidInputException("partners", "at most 50 partners");
        }
        for (int i = 0; i < p.size(); i++) {
            text("partners[" + i + "]", p.get(i), 200);
        }
        if (status == null || !STATUSES.contains(status)) {
            throw new InvalidInputException("status", "status is one of " + STATUSES + "; got " + status);
        }
        if (startedOn == null) {
            throw new InvalidInputException("startedOn", "the day the project started (YYYY-MM-DD) is needed");
        }
        if (liveOn != null && liveOn.isBefore(startedOn)) {
            throw new InvalidInputException("liveOn", "a project's change takes effect on or after the day it started");
        }
        if (("LIVE".equals(status) || "COMPLETED".equals(status)) && liveOn == null) {
            throw new InvalidInputException("liveOn", "a live or completed project says when its change took effect (liveOn)");
        }
        List<String> ind = indicators == null ? List.of() : indicators;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ind.size(); i++) {
            if (!knownIndicators.contains(ind.get(i))) {
                throw new InvalidInputException("indicators[" + i + "]", "no indicator '" + ind.get(i) + "' in the city's catalogue");
            }
            if (!seen.add(ind.get(i))) {
                throw new InvalidInputException("indicators[" + i + "]", "'" + ind.get(i) + "' is named twice");
            }
        }
        if (ind.size() > 20) {
            throw new InvalidInputException("indicators", "at most 20 indicators");
        }
        if (assessment == null) {
            throw new InvalidInputException("assessment", "every project has its human-rights and equity assessment: who benefits, "
                    + "who could be left out or harmed, the personal data it uses, what mitigates the risks");
        }
        Assessment a = assessment;
        text("assessment.benefitsVi", a.benefitsVi(), 4000);
        text("assessment.benefitsEn", a.benefitsEn(), 4000);
        text("assessment.risksVi", a.risksVi(), 4000);
        text("assessment.risksEn", a.risksEn(), 4000);
        text("assessment.personalDataVi", a.personalDataVi(), 4000);
        text("assessment.personalDataEn", a.personalDataEn(), 4000);
        text("assessment.mitigationVi", a.mitigationVi(), 4000);
        text("assessment.mitigationEn", a.mitigationEn(), 4000);
        if (a.assessedOn() == null) {
            throw new InvalidInputException("assessment.assessedOn", "the day the assessment was made is needed");
        }
        text("assessment.assessedBy", a.assessedBy(), 200);
        return new Project(code, nameVi.strip(), nameEn.strip(), goalVi.strip(), goalEn.strip(), department, budgetVnd,
                List.copyOf(new ArrayList<>(p.stream().map(String::strip).toList())), status, startedOn, liveOn, List.copyOf(ind), a);
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is needed");
        }
        if (value.length() > max) {
            throw new InvalidInputException(field, field + " is at most " + max + " characters");
        }
    }

    public String name(boolean vi) {
        return vi ? nameVi : nameEn;
    }

    public String goal(boolean vi) {
        return vi ? goalVi : goalEn;
    }
}
