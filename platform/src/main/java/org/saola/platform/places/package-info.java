/**
 * Where things are in the city: its areas, as the modules that put things on a map see them (a named interface
 * of the platform module).
 */
@org.springframework.modulith.NamedInterface("places")
package org.saola.platform.places;
