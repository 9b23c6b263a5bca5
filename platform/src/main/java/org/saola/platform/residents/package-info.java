/**
 * Residents' optional accounts and their encrypted contacts (a named interface of the platform module).
 */
@org.springframework.modulith.NamedInterface("residents")
package org.saola.platform.residents;
