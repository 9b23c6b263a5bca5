package org.saola.platform.security;

import org.saola.platform.TenantId;

/** A staff account's roles, departments, password or state changed (published after commit). */
public record StaffAccountChanged(TenantId tenant, String username) {
}
