package org.saola.platform.security;

/** What a member of city staff, or a machine client acting for them, may do. */
public enum StaffRole {
    /** Manages accounts, keys and devices, and everything an operator does. */
    ADMIN,
    /** Watches the city: map, devices, readings. */
    OPERATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
