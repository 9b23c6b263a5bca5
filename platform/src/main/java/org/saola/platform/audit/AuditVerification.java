package org.saola.platform.audit;

import java.util.Optional;

/**
 * The outcome of checking a tenant's chain: how many records were checked and, if the chain is broken,
 * the number of the first record whose hash or link does not match (removed, altered or inserted records).
 */
public record AuditVerification(boolean intact, long recordsChecked, Optional<Long> firstBrokenRecord, String detail) {
}
