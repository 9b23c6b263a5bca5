/**
 * What a module measures over its own data for the city's indicators: quantities ({@link Measure}) a module
 * computes for a period (reports fixed on time, residents who took part, datasets published), in total and per
 * group (ward, channel). Modules implement {@link MeasureSource}; the {@code indicators} module combines measures
 * by the formulas of its catalogue, knowing none of the modules, as open data gathers {@code PublishedData}.
 */
@org.springframework.modulith.NamedInterface("measure")
package org.saola.platform.measure;
