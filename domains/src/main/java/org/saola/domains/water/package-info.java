/**
 * Water leaks from the meters' night flows (a named interface of the domains module): the settings, the analysis
 * and the night's ranking.
 */
@org.springframework.modulith.NamedInterface("water")
package org.saola.domains.water;
