package org.saola.alerts.domain;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A rule's condition in Google's Common Expression Language (cel-java): a boolean expression over the entity's
 * attributes named as in the core @context ({@code pm25 > 55.4}, {@code waterLevel >= 3.0 && rainfall > 20}),
 * plus {@code id} and {@code type}. Compiled and type-checked once, when the rule is saved; the one
 * {@link CelRuntime.Program} is shared by every evaluation. Attribute names are whatever identifiers the
 * expression uses (each one a dynamically typed variable); an entity that lacks one of them is not judged.
 */
public final class Condition {

    /** Variables every condition may use besides attributes. */
    static final Set<String> BUILT_IN = Set.of("id", "type");

    /** Functions over a window of an attribute's recent values: {@code avgOver('pm25', 'PT1H')}. */
    static final Set<String> WINDOW_FUNCTIONS = Set.of("avgOver", "minOver", "maxOver", "rateOver");
    static final Duration SHORTEST_WINDOW = Duration.ofMinutes(1);
    static final Duration LONGEST_WINDOW = Duration.ofDays(1);

    /** {@code noDataFor('waterLevel', 'PT30M')}: the attribute not observed for that long (a condition of its own). */
    static final String NO_DATA = "noDataFor";
    static final Duration LONGEST_SILENCE = Duration.ofDays(7);

    /** A condition that holds when an attribute has not been observed for a time: the rules' timer judges it. */
    public record Silence(String attribute, Duration after) {
    }

    /** The windows of the entity being judged, and when: set by the engine around each evaluation. */
    record WindowContext(Windows windows, java.time.Instant at) {
    }

    private static final ThreadLocal<WindowContext> CURRENT = new ThreadLocal<>();

    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final CelCompiler PARSER = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
            .addFunctionBindings(
                    window("avgOver", (w, a, d, at) -> w.average(a, d, at)),
                    window("minOver", (w, a, d, at) -> w.minimum(a, d, at)),
                    window("maxOver", (w, a, d, at) -> w.maximum(a, d, at)),
                    window("rateOver", (w, a, d, at) -> w.ratePerHour(a, d, at)),
                    // Judged on a change of the attribute, which was just observed: not silent. The timer raises.
                    dev.cel.runtime.CelFunctionBinding.from("saola_" + NO_DATA, String.class, String.class, (a, d) -> false))
            .build();

    private interface WindowFunction {
        java.util.OptionalDouble apply(Windows windows, String attribute, Duration window, java.time.Instant at);
    }

    private static dev.cel.runtime.CelFunctionBinding window(String name, WindowFunction f) {
        return dev.cel.runtime.CelFunctionBinding.from("saola_" + name, String.class, String.class, (attribute, window) -> {
            WindowContext c = CURRENT.get();
            java.util.OptionalDouble v = c == null ? java.util.OptionalDouble.empty()
                    : f.apply(c.windows(), attribute, Duration.parse(window), c.at());
            if (v.isEmpty()) {
                throw new CelEvaluationException(name + "('" + attribute + "', '" + window + "'): no values in the window");
            }
            return v.getAsDouble();
        });
    }

    private final String source;
    private final Set<String> attributes;
    private final Map<String, Duration> windows;
    private final CelRuntime.Program program;
    private final Optional<Silence> silence;

    private Condition(String source, Set<String> attributes, Map<String, Duration> windows, CelRuntime.Program program,
            Optional<Silence> silence) {
        this.silence = silence;
        this.source = source;
        this.attributes = attributes;
        this.windows = windows;
        this.program = program;
    }

    /**
     * Compiles and type-checks {@code source}; a mistake is an {@link InvalidConditionException} whose message
     * gives its line and column.
     */
    public static Condition compile(String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidConditionException("a condition is required, e.g. pm25 > 55.4");
        }
        if (source.length() > 4000) {
            throw new InvalidConditionException("a condition is at most 4000 characters");
        }
        CelValidationResult parsed = PARSER.parse(source);
        if (parsed.hasError()) {
            throw new InvalidConditionException(describe(parsed));
        }
        CelAbstractSyntaxTree parsedAst;
        try {
            parsedAst = parsed.getAst();
        } catch (CelValidationException e) {
            throw new InvalidConditionException(e.getMessage());
        }
        // What the expression reads: identifiers (attributes, id, type) and the windows it asks for.
        Set<String> identifiers = new TreeSet<>();
        Map<String, Duration> windows = new java.util.TreeMap<>();
        CelExpr root = parsedAst.getExpr();
        Optional<Silence> silence = Optional.empty();
        if (root.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL && root.call().function().equals(NO_DATA)) {
            Map<String, Duration> one = new java.util.TreeMap<>();
            literalCall(root, one, SHORTEST_WINDOW, LONGEST_SILENCE, "a silence is between PT1M and P7D");
            var e = one.entrySet().iterator().next();
            silence = Optional.of(new Silence(e.getKey(), e.getValue()));
            identifiers.add(e.getKey());         // a change of it is judged (and clears the silence)
        }
        boolean alone = silence.isPresent();
        CelNavigableAst.fromAst(parsedAst).getRoot().allNodes().map(CelNavigableExpr::expr).forEach(e -> {
            if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT) {
                identifiers.add(e.ident().name());
            } else if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL && WINDOW_FUNCTIONS.contains(e.call().function())) {
                windowCall(e, windows);
            } else if (!alone && e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals(NO_DATA)) {
                throw new InvalidConditionException(NO_DATA + " is a condition of its own: write noDataFor('waterLevel', "
                        + "'PT30M') alone");
            }
        });
        var checker = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS).setResultType(SimpleType.BOOL)
                .addVar("id", SimpleType.STRING).addVar("type", SimpleType.STRING);
        for (String f : WINDOW_FUNCTIONS) {
            checker.addFunctionDeclarations(dev.cel.common.CelFunctionDecl.newFunctionDeclaration(f,
                    dev.cel.common.CelOverloadDecl.newGlobalOverload("saola_" + f, SimpleType.DOUBLE, SimpleType.STRING,
                            SimpleType.STRING)));
        }
        checker.addFunctionDeclarations(dev.cel.common.CelFunctionDecl.newFunctionDeclaration(NO_DATA,
                dev.cel.common.CelOverloadDecl.newGlobalOverload("saola_" + NO_DATA, SimpleType.BOOL, SimpleType.STRING,
                        SimpleType.STRING)));
        for (String name : identifiers) {
            if (!BUILT_IN.contains(name)) {
                checker.addVar(name, SimpleType.DYN);
            }
        }
        CelValidationResult checked = checker.build().check(parsedAst);
        if (checked.hasError()) {
            throw new InvalidConditionException(describe(checked));
        }
        try {
            CelAbstractSyntaxTree ast = checked.getAst();
            Set<String> attributes = identifiers.stream().filter(n -> !BUILT_IN.contains(n))
                    .collect(Collectors.toCollection(TreeSet::new));
            return new Condition(source, java.util.Collections.unmodifiableSet(attributes),
                    java.util.Collections.unmodifiableMap(windows), RUNTIME.createProgram(ast), silence);
        } catch (dev.cel.common.CelException e) {
            throw new InvalidConditionException(e.getMessage());
        }
    }

    /** A window function's arguments must be literal: the engine must know what to keep before it evaluates. */
    private static void windowCall(CelExpr call, Map<String, Duration> windows) {
        literalCall(call, windows, SHORTEST_WINDOW, LONGEST_WINDOW, "a window is between PT1M and P1D");
    }

    private static void literalCall(CelExpr call, Map<String, Duration> windows, Duration shortest, Duration longest,
            String range) {
        String f = call.call().function();
        var args = call.call().args();
        if (args.size() != 2 || args.stream().anyMatch(a -> a.exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT)) {
            throw new InvalidConditionException(f + " takes an attribute name and a window, both written out: "
                    + f + "('pm25', 'PT1H')");
        }
        String attribute = args.get(0).constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE
                ? args.get(0).constant().stringValue() : "";
        String window = args.get(1).constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE
                ? args.get(1).constant().stringValue() : "";
        if (!attribute.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidConditionException(f + ": '" + attribute + "' is not an attribute name");
        }
        Duration d;
        try {
            d = Duration.parse(window);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidConditionException(f + ": the window is an ISO 8601 duration such as PT1H; got '" + window + "'");
        }
        if (d.compareTo(shortest) < 0 || d.compareTo(longest) > 0) {
            throw new InvalidConditionException(f + ": " + range + "; got " + window);
        }
        windows.merge(attribute, d, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    private static String describe(CelValidationResult result) {
        List<CelIssue> issues = result.getAllIssues().stream()
                .filter(i -> i.getSeverity() == CelIssue.Severity.ERROR).toList();
        if (issues.isEmpty()) {
            return result.getErrorString();
        }
        return issues.stream().map(i -> "line " + i.getSourceLocation().getLine() + ", column "
                + (i.getSourceLocation().getColumn() + 1) + ": " + i.getMessage().replace(" (in container '')", "")).collect(Collectors.joining("; "));
    }

    public String source() {
        return source;
    }

    /** The attribute names (terms) the condition reads as values. */
    public Set<String> attributes() {
        return attributes;
    }

    /** If the condition is {@code noDataFor(attribute, duration)}: which attribute, and how long a silence. */
    public Optional<Silence> silence() {
        return silence;
    }

    /** The attributes the condition reads over a window, each with the longest window it asks of it. */
    public Map<String, Duration> windows() {
        return windows;
    }

    /**
     * Whether the condition holds, its window functions computed from {@code windows} as of {@code at}; empty when
     * it cannot be judged (as {@link #test(Map)}, or a window without values).
     */
    public Optional<Boolean> test(Map<String, Object> variables, Windows windows, java.time.Instant at) {
        CURRENT.set(new WindowContext(windows, at));
        try {
            return test(variables);
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * Whether the condition holds for these variables ({@code id}, {@code type} and the attributes' values);
     * empty when it cannot be judged: an attribute it reads is missing, or its value is of a kind the expression
     * cannot compare (a text where a number was meant).
     */
    public Optional<Boolean> test(Map<String, Object> variables) {
        for (String a : attributes) {
            if (!variables.containsKey(a)) {
                return Optional.empty();
            }
        }
        try {
            Object result = program.eval(variables);
            return result instanceof Boolean b ? Optional.of(b) : Optional.empty();
        } catch (CelEvaluationException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
