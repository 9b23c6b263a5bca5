package org.saola.reports;

import java.time.Instant;
import org.saola.platform.TenantId;

/** A report moved to another status (published after the commit). {@code status} is a ReportStatus name. */
public record ServiceRequestStatusChanged(TenantId tenant, long id, String serviceCode, String from, String status,
        Instant at) {
}
