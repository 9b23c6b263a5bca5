/**
 * The register of the city's smart-city projects, their progress and their indicators before and after. A named
 * interface, so that the demo city (the simulator) can register the projects a city would.
 */
@org.springframework.modulith.NamedInterface("projects")
package org.saola.indicators.projects;
