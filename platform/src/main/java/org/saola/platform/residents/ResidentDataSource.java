package org.saola.platform.residents;

import java.util.List;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * What one module holds about a resident, for the resident to see and download (their right of access): each module
 * that keeps anything tied to a resident account implements it, so the account page lists everything without
 * knowing the modules. A secret the platform keeps from everyone (a ballot's content) is not in it, and says so.
 */
public interface ResidentDataSource {

    /** The module's sections about the resident; empty if it holds nothing about them. */
    List<ResidentDataSection> about(TenantId tenant, UUID resident);
}
