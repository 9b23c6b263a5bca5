/**
 * What a module offers the open city's catalogue: the datasets it can publish ({@link DataOffer}) and their rows
 * ({@link PublishedData}). Modules implement it over their own data; the {@code opendata} module collects every
 * implementation, publishes the datasets an admin switches on, and applies disclosure control to counts of
 * people before anything leaves. A named interface of the platform module, so that no feature module depends
 * on {@code opendata} nor {@code opendata} on each of them. The same for the algorithm register: each module
 * describes its algorithms and automated rules ({@link AlgorithmSource}).
 */
@org.springframework.modulith.NamedInterface("publish")
package org.saola.platform.publish;
