/**
 * Street lighting's nights (a named interface of the domains module): energy, the unmanaged baseline, failed lamps.
 */
@org.springframework.modulith.NamedInterface("lighting")
package org.saola.domains.lighting;
