package org.saola.participation.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.saola.platform.InvalidInputException;

/**
 * A participatory process: what it is about (in Vietnamese and English), the department that answers for it,
 * the wards it concerns, its phases with their dates, and, when it ends in a vote, the voting rule and the
 * budgets, and how many supports a proposal needs before the department must answer it. Which phase it is in follows from the calendar, so every page and every node agrees.
 */
public record ParticipatoryProcess(String code, String titleVi, String titleEn, String summaryVi, String summaryEn,
        String department, List<String> wards, List<PhaseDates> phases, VotingRule rule, List<Budget> budgets,
        int supportThreshold, Eligibility eligibility) {

    /** Who may vote. */
    public enum Eligibility {
        /** Any resident signed in with a one-time code (a phone number or an e-mail address). */
        RESIDENTS,
        /** Residents who proved an ID number of the city's census list; of the process's wards when it has wards. */
        CENSUS;

        /** Who may vote, as given (empty: {@link #RESIDENTS}). */
        public static Eligibility of(String text) {
            if (text == null || text.isBlank()) {
                return RESIDENTS;
            }
            try {
                return valueOf(text.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("eligibility", "eligibility is RESIDENTS (anyone signed in with a one-time code) or"
                        + " CENSUS (residents who proved an ID number of the census list); got '" + text + "'",
                        "participation.problem.eligibility");
            }
        }
    }

    /** A process any signed-in resident votes in. */
    public ParticipatoryProcess(String code, String titleVi, String titleEn, String summaryVi, String summaryEn,
            String department, List<String> wards, List<PhaseDates> phases, VotingRule rule, List<Budget> budgets,
            int supportThreshold) {
        this(code, titleVi, titleEn, summaryVi, summaryEn, department, wards, phases, rule, budgets, supportThreshold,
                Eligibility.RESIDENTS);
    }

    /** A process without proposals' threshold (every proposal goes to the department at once). */
    public ParticipatoryProcess(String code, String titleVi, String titleEn, String summaryVi, String summaryEn,
            String department, List<String> wards, List<PhaseDates> phases, VotingRule rule, List<Budget> budgets) {
        this(code, titleVi, titleEn, summaryVi, summaryEn, department, wards, phases, rule, budgets, 0);
    }

    public ParticipatoryProcess {
        eligibility = eligibility == null ? Eligibility.RESIDENTS : eligibility;
        if (supportThreshold < 0 || supportThreshold > 1_000_000) {
            throw new InvalidInputException("supportThreshold", "supportThreshold is the number of supports a proposal needs"
                    + " to go to the department, 0 to 1000000; got " + supportThreshold, "participation.problem.supportThreshold",
                    supportThreshold);
        }
        if (code == null || !code.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidInputException("code", "a process code is 1-63 lower-case letters, digits and dashes; got '" + code + "'",
                    "participation.problem.processCode");
        }
        if (RESERVED.contains(code)) {
            throw new InvalidInputException("code", "'" + code + "' names pages of participation itself; choose another code",
                    "participation.problem.reservedCode", code);
        }
        titleVi = Project.required("titleVi", titleVi, 200);
        titleEn = Project.required("titleEn", titleEn, 200);
        summaryVi = Project.optional("summaryVi", summaryVi, 4000);
        summaryEn = Project.optional("summaryEn", summaryEn, 4000);
        if (department == null || department.isBlank()) {
            throw new InvalidInputException("department", "say which department answers for this process", "participation.problem.department");
        }
        wards = wards == null ? List.of() : wards.stream().filter(java.util.Objects::nonNull).map(String::strip).filter(w -> !w.isEmpty()).distinct().toList();
        phases = ordered(phases);
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        Set<String> scopes = new HashSet<>();
        for (Budget b : budgets) {
            if (!scopes.add(b.scope())) {
                throw new InvalidInputException("budgets", "two budgets for " + (b.wholeProcess() ? "the whole process" : b.scope()),
                        b.wholeProcess() ? "participation.problem.twoWholeBudgets" : "participation.problem.twoWardBudgets", b.scope());
            }
            if (!b.wholeProcess() && !wards.contains(b.scope())) {
                throw new InvalidInputException("budgets", "a ward budget for " + b.scope() + ", which is not one of the process's wards",
                        "participation.problem.budgetWard", b.scope());
            }
        }
        if (scopes.contains("") && scopes.size() > 1) {
            throw new InvalidInputException("budgets", "either one budget for the whole process or one per ward, not both",
                    "participation.problem.budgetsMixed");
        }
        boolean votes = phases.stream().anyMatch(p -> p.phase() == Phase.VOTING);
        if (votes && (rule == null || budgets.isEmpty())) {
            throw new InvalidInputException("voting", "a process with a voting phase needs a voting rule and at least one budget",
                    "participation.problem.votingNeeds");
        }
    }

    private static List<PhaseDates> ordered(List<PhaseDates> given) {
        if (given == null || given.isEmpty()) {
            throw new InvalidInputException("phases", "a process needs at least one phase with its dates", "participation.problem.noPhases");
        }
        List<PhaseDates> phases = new ArrayList<>(given);
        phases.sort(Comparator.comparing(PhaseDates::starts));
        Set<Phase> seen = new HashSet<>();
        for (int i = 0; i < phases.size(); i++) {
            PhaseDates p = phases.get(i);
            if (p.ends().isBefore(p.starts())) {
                throw new InvalidInputException("phases", p.phase() + " ends (" + p.ends() + ") before it starts (" + p.starts() + ")",
                        "participation.problem.phaseEndsBeforeStart", ProblemArgs.phase(p.phase()), p.ends(), p.starts());
            }
            if (!seen.add(p.phase())) {
                throw new InvalidInputException("phases", p.phase() + " is given twice", "participation.problem.phaseTwice",
                        ProblemArgs.phase(p.phase()));
            }
            if (i > 0) {
                PhaseDates before = phases.get(i - 1);
                if (!p.starts().isAfter(before.ends())) {
                    throw new InvalidInputException("phases", p.phase() + " starts (" + p.starts() + ") before "
                            + before.phase() + " ends (" + before.ends() + ")", "participation.problem.phasesOverlap",
                            ProblemArgs.phase(p.phase()), p.starts(), ProblemArgs.phase(before.phase()), before.ends());
                }
                if (p.phase().ordinal() < before.phase().ordinal()) {
                    throw new InvalidInputException("phases", p.phase() + " cannot come after " + before.phase(),
                            "participation.problem.phaseOrder", ProblemArgs.phase(p.phase()), ProblemArgs.phase(before.phase()));
                }
            }
        }
        return List.copyOf(phases);
    }

    /** Codes the pages' own paths use ({@code /city/participation/photos/..}, {@code /consultations/..}). */
    static final Set<String> RESERVED = Set.of("photos", "consultations");

    public String title(boolean vietnamese) {
        return vietnamese ? titleVi : titleEn;
    }

    public String summary(boolean vietnamese) {
        return vietnamese ? summaryVi : summaryEn;
    }

    /** The phase running on this day, if any (between two phases, or before the first or after the last, none). */
    public Optional<PhaseDates> phaseOn(LocalDate day) {
        return phases.stream().filter(p -> p.includes(day)).findFirst();
    }

    /** Residents submit proposals during the proposals phase only. */
    public boolean proposingOn(LocalDate day) {
        return phaseOn(day).map(p -> p.phase() == Phase.PROPOSALS).orElse(false);
    }

    /** Residents support and discuss proposals while they are being made and through the deliberation. */
    public boolean debatingOn(LocalDate day) {
        return phaseOn(day).map(p -> p.phase() == Phase.PROPOSALS || p.phase() == Phase.DELIBERATION).orElse(false);
    }

    public Optional<PhaseDates> voting() {
        return phases.stream().filter(p -> p.phase() == Phase.VOTING).findFirst();
    }

    /**
     * When the vote closes, in the city's time: at the rule's closing time on its last day, else when that day
     * ends.
     */
    public Optional<LocalDateTime> votingCloses() {
        return voting().map(v -> rule == null || rule.closesAt() == null ? v.ends().plusDays(1).atStartOfDay()
                : v.ends().atTime(rule.closesAt()));
    }

    /** Whether residents may vote at this moment of the city's time. */
    public boolean votingOpenAt(LocalDateTime now) {
        return voting().map(v -> !now.toLocalDate().isBefore(v.starts()) && now.isBefore(votingCloses().orElseThrow()))
                .orElse(false);
    }

    /** The vote is over once it has closed. */
    public boolean votingOverAt(LocalDateTime now) {
        return votingCloses().map(c -> !now.isBefore(c)).orElse(false);
    }

    /**
     * The phase running at this moment: as {@link #phaseOn}, except that a vote that closed earlier on its last
     * day is no longer running (the process is between phases until the next one starts).
     */
    public Optional<PhaseDates> phaseAt(LocalDateTime now) {
        return phaseOn(now.toLocalDate()).filter(p -> p.phase() != Phase.VOTING || votingOpenAt(now));
    }

    public Optional<Budget> budget(String scope) {
        String s = scope == null ? "" : scope.strip();
        return budgets.stream().filter(b -> b.scope().equals(s)).findFirst();
    }

    /** Whether the ward budgets, not one budget, share the money: a resident then votes in their ward. */
    public boolean byWard() {
        return budgets.stream().noneMatch(Budget::wholeProcess);
    }
}
