package org.saola.platform.publish;

import java.util.List;
import org.saola.platform.TenantId;

/**
 * A module's algorithms and automated rules for the public algorithm register: those built into it, and those
 * the tenant's staff set up (each alert rule, say). The {@code opendata} module publishes them all.
 */
public interface AlgorithmSource {

    List<Algorithm> algorithms(TenantId tenant);
}
