package org.saola.alerts;

import java.util.Set;
import org.saola.platform.TenantId;

/** Which rule packs a tenant has on, and switching one on: what another module (the demo city) may do with them. */
public interface RulePackSwitch {

    Set<String> enabled(TenantId tenant);

    /** Switches a shipped pack on ({@code vn-aqi}, {@code flood}, {@code waste}, {@code street-lights}). */
    void switchOn(TenantId tenant, String pack, String by);
}
