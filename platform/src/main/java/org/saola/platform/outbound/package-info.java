/**
 * Part of the platform's shared kernel that every module may use (a named interface of the platform module,
 * which Spring Modulith's verification in {@code ModulesTest} allows).
 */
@org.springframework.modulith.NamedInterface("outbound")
package org.saola.platform.outbound;
