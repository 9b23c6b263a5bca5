/**
 * Waste collection rounds (a named interface of the domains module): the fleet, each container's fill forecast,
 * and the round plans the solver makes from them.
 */
@org.springframework.modulith.NamedInterface("waste")
package org.saola.domains.waste;
