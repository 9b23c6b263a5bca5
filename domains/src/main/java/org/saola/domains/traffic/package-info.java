/**
 * Traffic congestion against each road's usual (a named interface of the domains module): the settings, the
 * analysis and the hourly job.
 */
@org.springframework.modulith.NamedInterface("traffic")
package org.saola.domains.traffic;
