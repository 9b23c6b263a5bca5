/**
 * Retention: how long each category of data is kept (raw readings, residents' contact on their reports, refused
 * readings, audit records, sessions), each enforced by the module that owns the data ({@link RetentionRule})
 * and run by one scheduled job that counts and logs what it removed ({@link RetentionJob}). A named interface of
 * the platform module.
 */
@org.springframework.modulith.NamedInterface("retention")
package org.saola.platform.retention;
