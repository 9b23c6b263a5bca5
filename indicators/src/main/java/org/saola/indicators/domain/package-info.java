/**
 * The city's indicators: definitions and their formulas, periods, the computation with its disclosure rules, the
 * official figures, values entered by hand. A named interface, so that the demo city (the simulator) can enter
 * the figures staff would.
 */
@org.springframework.modulith.NamedInterface("indicators")
package org.saola.indicators.domain;
