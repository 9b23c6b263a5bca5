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

    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final CelCompiler PARSER = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private final String source;
    private final Set<String> attributes;
    private final CelRuntime.Program program;

    private Condition(String source, Set<String> attributes, CelRuntime.Program program) {
        this.source = source;
        this.attributes = attributes;
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
        Set<String> identifiers = new TreeSet<>();
        CelNavigableAst.fromAst(parsedAst).getRoot().allNodes()
                .map(CelNavigableExpr::expr)
                .filter(e -> e.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT)
                .forEach(e -> identifiers.add(e.ident().name()));
        var checker = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS).setResultType(SimpleType.BOOL)
                .addVar("id", SimpleType.STRING).addVar("type", SimpleType.STRING);
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
            return new Condition(source, java.util.Collections.unmodifiableSet(attributes), RUNTIME.createProgram(ast));
        } catch (dev.cel.common.CelException e) {
            throw new InvalidConditionException(e.getMessage());
        }
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

    /** The attribute names (terms) the condition reads. */
    public Set<String> attributes() {
        return attributes;
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
