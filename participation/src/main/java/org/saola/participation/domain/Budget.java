package org.saola.participation.domain;

import org.saola.platform.InvalidInputException;

/**
 * Money to share out: for the whole process ({@code scope} empty) or for one ward's projects. A resident
 * votes within one scope.
 */
public record Budget(String scope, long amount) {

    public Budget {
        scope = scope == null ? "" : scope.strip();
        if (amount <= 0) {
            throw new InvalidInputException("budgets", "a budget is a positive amount; got " + amount,
                    "participation.problem.budgetNotPositive", amount);
        }
    }

    public boolean wholeProcess() {
        return scope.isEmpty();
    }
}
