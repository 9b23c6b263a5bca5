/**
 * What each module shows on the operations centre (a named interface of the platform module): figures, map
 * layers, what needs attention now. Modules provide {@link OperationsView}s; the page in {@code web} gathers them,
 * knowing none of the modules, as open data gathers {@code PublishedData}.
 */
@org.springframework.modulith.NamedInterface("operations")
package org.saola.platform.operations;
