/** The event publication seam of the platform (a named interface every module may use). */
@org.springframework.modulith.NamedInterface("events")
package org.saola.platform.events;
