package org.saola.platform.security;

import static org.saola.platform.security.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a member of city staff, or a machine client acting for them, may do. Least privilege: each role has
 * only the permissions its work needs; {@code docs/security.md} prints this table.
 */
public enum StaffRole {
    /** The tenant's settings, departments, staff and keys, and everything else. */
    ADMIN(EnumSet.allOf(Permission.class)),
    /** The operations centre: sees everything operational, writes context, manages subscriptions, commands actuators. */
    OPERATOR(EnumSet.of(DIRECTORY_READ, OPERATIONS_VIEW, CONTEXT_READ, CONTEXT_WRITE, SUBSCRIPTIONS_MANAGE,
            DEVICES_READ, DEVICES_COMMAND, RULES_MANAGE, ALERTS_WORK, WARNINGS_ISSUE, REPORTS_WORK, SERVICES_MANAGE, INDICATORS_MANAGE, METRICS_READ)),
    /** Works the reports, alerts and consultations of their own departments; reads the city's data. */
    OFFICER(EnumSet.of(DIRECTORY_READ, OPERATIONS_VIEW, CONTEXT_READ, DEVICES_READ, ALERTS_WORK, REPORTS_WORK,
            PARTICIPATION_MANAGE, PARTICIPATION_ASSIST, RESIDENT_CONTACT_READ, DATA_SHARING_READ)),
    /** Registers devices, rotates their credentials, connects the network servers that deliver their readings. */
    DEVICE_MANAGER(EnumSet.of(DIRECTORY_READ, OPERATIONS_VIEW, CONTEXT_READ, DEVICES_READ, DEVICES_REGISTER,
            DEVICE_CREDENTIALS_RESET, DEVICES_COMMAND, READINGS_INGEST)),
    /** Reads data and history; writes nothing. */
    ANALYST(EnumSet.of(DIRECTORY_READ, OPERATIONS_VIEW, CONTEXT_READ, DEVICES_READ, METRICS_READ));

    private final Set<Permission> permissions;

    StaffRole(EnumSet<Permission> permissions) {
        this.permissions = java.util.Collections.unmodifiableSet(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** The role named, or an {@code InvalidInputException} naming {@code field} and the roles there are. */
    public static StaffRole parse(String field, String name) {
        for (StaffRole r : values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new org.saola.platform.InvalidInputException(field, field + " must be one of "
                + java.util.Arrays.toString(values()) + "; got '" + name + "'");
    }
}
