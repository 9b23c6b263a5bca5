package org.saola.reports;

import java.time.Instant;
import java.util.Optional;
import org.saola.platform.TenantId;

/** A resident filed a report (published after the commit that kept it). Names no one. */
public record ServiceRequestFiled(TenantId tenant, long id, String serviceCode, Optional<String> department,
        Instant at) {
}
