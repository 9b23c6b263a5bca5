/**
 * Problem details (RFC 9457) as every Saola API answers a refusal: {@link org.saola.platform.problem.ApiProblems}
 * maps the platform's exceptions and builds the bodies feature modules answer with themselves (a named interface).
 */
@org.springframework.modulith.NamedInterface("problem")
package org.saola.platform.problem;
