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

    /**
     * Erases what the module holds about the resident, whose account is being deleted (in that transaction): what
     * is theirs alone goes; what others rely on (a public report, a proposal others supported, the register of who
     * voted in a vote still open) stays with nothing left that ties it to them.
     */
    void forget(TenantId tenant, UUID resident);
}
