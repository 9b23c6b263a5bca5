package org.saola.participation.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saola.platform.InvalidInputException;

/**
 * A consultation or survey of a process: questions put to residents from {@code opens} to {@code closes}
 * (the city's calendar days, both included), open to everyone or to signed-in residents (of given wards, as
 * they declare them); results published once it closes.
 */
public record Consultation(String code, String process, String titleVi, String titleEn, String introVi, String introEn,
        LocalDate opens, LocalDate closes, Audience audience, List<String> wards, List<Question> questions) {

    /** Who may answer: anyone (signed in or not), or residents signed in with a one-time code. */
    public enum Audience {
        EVERYONE, RESIDENTS;

        /** As given (empty: {@link #EVERYONE}). */
        public static Audience of(String text) {
            try {
                return text == null || text.isBlank() ? EVERYONE : valueOf(text.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("audience", "audience is EVERYONE or RESIDENTS; got '" + text + "'",
                        "participation.problem.audience");
            }
        }
    }

    /** What a question asks for. */
    public enum Kind {
        SINGLE, MULTIPLE, RANKING, SCALE, TEXT;

        /** As given; the field names the question in the problem. */
        public static Kind of(String field, String text) {
            try {
                return valueOf(text == null ? "" : text.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field, "a question's kind is one of " + List.of(values()) + "; got '" + text + "'",
                        "participation.problem.questionKind");
            }
        }
    }

    /** A day as given (like 2027-01-10); the field names it in the problem. */
    public static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required (a date, like 2027-01-10)", "participation.problem.dayRequired",
                    ProblemArgs.field(field));
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is a date like 2027-01-10; got '" + value + "'", "participation.problem.day",
                    ProblemArgs.field(field));
        }
    }

    public record Option(String code, String textVi, String textEn) {
        public Option {
            code = checkCode("options.code", code);
            textVi = Project.required("options.textVi", textVi, 300);
            textEn = Project.required("options.textEn", textEn, 300);
        }

        public String text(boolean vietnamese) {
            return vietnamese ? textVi : textEn;
        }
    }

    /**
     * A question: SINGLE (one option), MULTIPLE (1 to {@code maxChoices} options, all when 0), RANKING (the
     * options in order of preference, each once), SCALE ({@code scaleMin} to {@code scaleMax}), TEXT (free text,
     * at most 2000 characters).
     */
    public record Question(String code, Kind kind, String textVi, String textEn, boolean required, List<Option> options,
            int maxChoices, int scaleMin, int scaleMax) {

        public Question {
            code = checkCode("questions.code", code);
            if (kind == null) {
                throw new InvalidInputException("questions.kind", "question " + code + " needs a kind: one of " + List.of(Kind.values()),
                        "participation.problem.questionKindMissing", code);
            }
            textVi = Project.required("questions.textVi", textVi, 500);
            textEn = Project.required("questions.textEn", textEn, 500);
            options = options == null ? List.of() : List.copyOf(options);
            boolean choices = kind == Kind.SINGLE || kind == Kind.MULTIPLE || kind == Kind.RANKING;
            if (choices && options.size() < 2) {
                throw new InvalidInputException("questions.options", "question " + code + " offers at least two options",
                        "participation.problem.twoOptions", code);
            }
            if (!choices && !options.isEmpty()) {
                throw new InvalidInputException("questions.options", "question " + code + " (" + kind + ") has no options",
                        "participation.problem.noOptions", code,
                        ProblemArgs.text("participation.consultationWork.kind." + kind, kind.name()));
            }
            Set<String> seen = new HashSet<>();
            for (Option o : options) {
                if (!seen.add(o.code())) {
                    throw new InvalidInputException("questions.options", "question " + code + " has option " + o.code() + " twice",
                            "participation.problem.optionTwice", code, o.code());
                }
            }
            if (maxChoices < 0 || maxChoices > options.size()) {
                throw new InvalidInputException("questions.maxChoices", "question " + code + ": maxChoices is 0 (no limit) to "
                        + options.size(), "participation.problem.maxChoices", code, options.size());
            }
            if (options.size() > 30) {
                throw new InvalidInputException("questions.options", "question " + code + " offers at most 30 options",
                        "participation.problem.thirtyOptions", code);
            }
            if (kind == Kind.SCALE && (scaleMin >= scaleMax || (long) scaleMax - scaleMin > 10)) {
                throw new InvalidInputException("questions.scale", "question " + code + ": a scale goes from scaleMin to a"
                        + " larger scaleMax, at most 11 steps (like 1 to 5, or 0 to 10)", "participation.problem.scale", code);
            }
        }

        public String text(boolean vietnamese) {
            return vietnamese ? textVi : textEn;
        }

        public List<Integer> scale() {
            List<Integer> steps = new ArrayList<>();
            for (int i = scaleMin; i <= scaleMax; i++) {
                steps.add(i);
            }
            return steps;
        }
    }

    public Consultation {
        code = checkCode("code", code);
        titleVi = Project.required("titleVi", titleVi, 200);
        titleEn = Project.required("titleEn", titleEn, 200);
        introVi = Project.optional("introVi", introVi, 4000);
        introEn = Project.optional("introEn", introEn, 4000);
        if (opens == null || closes == null) {
            throw new InvalidInputException("opens", "a consultation opens and closes on given days (like 2027-01-10)",
                    "participation.problem.consultationDays");
        }
        if (closes.isBefore(opens)) {
            throw new InvalidInputException("closes", "it closes (" + closes + ") before it opens (" + opens + ")",
                    "participation.problem.closesBeforeOpens", closes, opens);
        }
        if (audience == null) {
            throw new InvalidInputException("audience", "say who may answer: EVERYONE or RESIDENTS", "participation.problem.audience");
        }
        wards = wards == null ? List.of() : wards.stream().filter(java.util.Objects::nonNull).map(String::strip).filter(w -> !w.isEmpty()).distinct().toList();
        if (audience == Audience.EVERYONE && !wards.isEmpty()) {
            throw new InvalidInputException("wards", "a consultation open to everyone cannot be limited to wards; use RESIDENTS",
                    "participation.problem.everyoneNoWards");
        }
        questions = questions == null ? List.of() : List.copyOf(questions);
        if (questions.isEmpty() || questions.size() > 50) {
            throw new InvalidInputException("questions", "a consultation asks 1 to 50 questions", "participation.problem.questionCount");
        }
        Set<String> seen = new HashSet<>();
        for (Question q : questions) {
            if (!seen.add(q.code())) {
                throw new InvalidInputException("questions", "question " + q.code() + " is given twice",
                        "participation.problem.questionTwice", q.code());
            }
        }
    }

    private static String checkCode(String field, String code) {
        if (code == null || !code.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidInputException(field, field + " is 1-63 lower-case letters, digits and dashes; got '" + code + "'",
                    "participation.problem.code", ProblemArgs.field(field));
        }
        return code;
    }

    public String title(boolean vietnamese) {
        return vietnamese ? titleVi : titleEn;
    }

    public String intro(boolean vietnamese) {
        return vietnamese ? introVi : introEn;
    }

    public boolean openOn(LocalDate day) {
        return !day.isBefore(opens) && !day.isAfter(closes);
    }

    public boolean closedOn(LocalDate day) {
        return day.isAfter(closes);
    }

    /**
     * Checks one person's answers against the questions: each named by its question's code when wrong. Answers
     * come as lists of strings (options, a number, a text); unanswered optional questions are left out.
     */
    public Map<String, List<String>> check(Map<String, List<String>> given) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            if (questions.stream().noneMatch(q -> q.code().equals(key))) {
                throw new InvalidInputException(key, "there is no question '" + key + "'", "participation.problem.noSuchQuestion", key);
            }
        }
        for (Question q : questions) {
            List<String> listed = given.get(q.code());          // a JSON client may send null for a question
            List<String> values = (listed == null ? List.<String>of() : listed).stream().map(v -> v == null ? "" : v.strip())
                    .filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty()) {
                if (q.required()) {
                    throw new InvalidInputException(q.code(), "question " + q.code() + " needs an answer",
                            "participation.problem.answerRequired", q.code());
                }
                continue;
            }
            Set<String> codes = new HashSet<>();
            q.options().forEach(o -> codes.add(o.code()));
            switch (q.kind()) {
                case SINGLE -> {
                    if (values.size() != 1 || !codes.contains(values.get(0))) {
                        throw new InvalidInputException(q.code(), "question " + q.code() + ": choose one of " + codes,
                                "participation.problem.chooseOne", q.code(), String.join(", ", codes));
                    }
                }
                case MULTIPLE -> {
                    if (!codes.containsAll(values) || new HashSet<>(values).size() != values.size()) {
                        throw new InvalidInputException(q.code(), "question " + q.code() + ": choose among " + codes + ", each once",
                                "participation.problem.chooseAmong", q.code(), String.join(", ", codes));
                    }
                    if (q.maxChoices() > 0 && values.size() > q.maxChoices()) {
                        throw new InvalidInputException(q.code(), "question " + q.code() + ": choose at most " + q.maxChoices(),
                                "participation.problem.chooseAtMost", q.code(), q.maxChoices());
                    }
                }
                case RANKING -> {
                    if (!codes.containsAll(values) || new HashSet<>(values).size() != values.size()) {
                        throw new InvalidInputException(q.code(), "question " + q.code() + ": rank the options " + codes + ", each once",
                                "participation.problem.rankOnce", q.code(), String.join(", ", codes));
                    }
                }
                case SCALE -> {
                    int n;
                    try {
                        n = Integer.parseInt(values.get(0));
                    } catch (NumberFormatException e) {
                        n = Integer.MIN_VALUE;
                    }
                    if (values.size() != 1 || n < q.scaleMin() || n > q.scaleMax()) {
                        throw new InvalidInputException(q.code(), "question " + q.code() + ": a number from " + q.scaleMin()
                                + " to " + q.scaleMax(), "participation.problem.scaleAnswer", q.code(), q.scaleMin(), q.scaleMax());
                    }
                }
                case TEXT -> {
                    if (values.size() != 1 || values.get(0).length() > 2000) {
                        throw new InvalidInputException(q.code(), "question " + q.code() + ": a text of at most 2000 characters",
                                "participation.problem.textAnswer", q.code());
                    }
                }
                default -> throw new IllegalStateException();
            }
            answers.put(q.code(), values);
        }
        return answers;
    }

    /** One option's or one step's result: how many chose it (for a ranking, its points and first places). */
    public record Count(String code, String textVi, String textEn, int count, int percent, int points) {
        public String text(boolean vietnamese) {
            return vietnamese ? textVi : textEn;
        }
    }

    /**
     * A question's results: how many answered it; per option (or scale step) the count and the share of those
     * who answered; for a ranking the Borda points (n-1 for a first place of n options, 0 for the last, options
     * not ranked none), options in order of points; for a scale the mean; for free text only how many.
     */
    public record QuestionResult(Question question, int answered, List<Count> counts, Double mean) {
    }

    public List<QuestionResult> results(List<Map<String, List<String>>> all) {
        List<QuestionResult> out = new ArrayList<>();
        for (Question q : questions) {
            List<List<String>> given = all.stream().map(a -> a.get(q.code())).filter(v -> v != null && !v.isEmpty()).toList();
            int n = given.size();
            List<Count> counts = new ArrayList<>();
            Double mean = null;
            switch (q.kind()) {
                case SINGLE, MULTIPLE -> q.options().forEach(o -> {
                    int c = (int) given.stream().filter(v -> v.contains(o.code())).count();
                    counts.add(new Count(o.code(), o.textVi(), o.textEn(), c, percent(c, n), 0));
                });
                case RANKING -> {
                    int size = q.options().size();
                    for (Option o : q.options()) {
                        int points = 0;
                        int first = 0;
                        for (List<String> v : given) {
                            int at = v.indexOf(o.code());
                            if (at >= 0) {
                                points += size - 1 - at;
                            }
                            if (at == 0) {
                                first++;
                            }
                        }
                        counts.add(new Count(o.code(), o.textVi(), o.textEn(), first, percent(first, n), points));
                    }
                    counts.sort((a, b) -> Integer.compare(b.points(), a.points()));
                }
                case SCALE -> {
                    for (int step : q.scale()) {
                        String s = Integer.toString(step);
                        int c = (int) given.stream().filter(v -> v.get(0).equals(s)).count();
                        counts.add(new Count(s, s, s, c, percent(c, n), 0));
                    }
                    mean = n == 0 ? null : Math.round(10.0 * given.stream().mapToInt(v -> Integer.parseInt(v.get(0))).sum() / n) / 10.0;
                }
                case TEXT -> {
                }
                default -> throw new IllegalStateException();
            }
            out.add(new QuestionResult(q, n, counts, mean));
        }
        return out;
    }

    private static int percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(100f * part / whole);
    }
}
