package org.saola.platform.security;

/**
 * What a route asks of its caller. Roles are sets of permissions ({@link StaffRole#permissions()}); a route
 * names the one permission it needs ({@link RequiresPermission}), so the role table lives in one place and
 * {@code docs/security.md} can print it.
 */
public enum Permission {
    /** The staff directory: departments and who belongs to them. Every member of staff has it. */
    DIRECTORY_READ,
    /** The operations centre's pages and the data behind them. */
    OPERATIONS_VIEW,
    /** Entities, their history, types, attributes, subscriptions and registrations, read. */
    CONTEXT_READ,
    /** Entities and attributes created, updated or appended to, history appended. */
    CONTEXT_WRITE,
    /** Entities and attributes deleted. */
    CONTEXT_DELETE,
    /** Attribute history deleted. */
    HISTORY_DELETE,
    /** Subscriptions and context source registrations created, changed, deleted. */
    SUBSCRIPTIONS_MANAGE,
    /** Device records and what they sent that was refused. */
    DEVICES_READ,
    /** Devices registered. */
    DEVICES_REGISTER,
    /** A device's secret replaced (the old one stops working). */
    DEVICE_CREDENTIALS_RESET,
    /** Commands sent to actuators (a street light on, off, dimmed). */
    DEVICES_COMMAND,
    /** Readings delivered on devices' behalf by a network server's integration (LoRaWAN uplinks). */
    READINGS_INGEST,
    /** Rules over entity changes: created, changed, enabled, deleted, imported. */
    RULES_MANAGE,
    /** Alerts worked: acknowledged, commented, assigned, resolved (an officer: of their own departments). */
    ALERTS_WORK,
    /** Public early warnings (CAP 1.2) issued, updated and cancelled. */
    WARNINGS_ISSUE,
    /** Residents' reports worked: acknowledged, assigned, updated, closed (an officer: of their own departments). */
    REPORTS_WORK,
    /** The service catalogue residents report against: categories, routing, targets, questions. */
    REPORTS_CATALOGUE_MANAGE,
    /** Participatory processes, their projects and budgets defined, a vote counted (an officer: its own departments'). */
    PARTICIPATION_MANAGE,
    /** A ballot entered for a resident who came to a ward office for help (the officer is in the audit log). */
    PARTICIPATION_ASSIST,
    /** The city's census list for participation replaced, and its numbers read (hashed ID numbers; the whole city). */
    CENSUS_MANAGE,
    /** The open-data catalogue: which of the modules' datasets are published, how they are described, refreshed. */
    OPENDATA_MANAGE,
    /**
     * Data-sharing agreements read with every use of their keys: the data owner's view (an officer: the agreements
     * sharing their own departments' datasets). Recording and ending them is {@link #OPENDATA_MANAGE}.
     */
    DATA_SHARING_READ,
    /**
     * City services: the waste fleet set up and collection rounds planned, the water network's metered districts, the
     * traffic and street-lighting watches' settings.
     */
    SERVICES_MANAGE,
    /**
     * The city's indicators: the city's own definitions, targets, the official figures they divide by (population,
     * area), values entered by hand with their source and evidence, a period computed again; and the register of
     * smart-city projects with their progress.
     */
    INDICATORS_MANAGE,
    /** The tenant's settings and its departments. */
    SETTINGS_MANAGE,
    /** Staff accounts and API keys: created, given roles and departments, disabled, passwords reset. */
    STAFF_MANAGE,
    /** A resident's contact read in clear, with a reason that goes into the audit log. */
    RESIDENT_CONTACT_READ,
    /** Residents' requests to correct or delete their data: read (with what they wrote) and answered. */
    RESIDENT_REQUESTS_HANDLE,
    /** The audit log, searched and verified. */
    AUDIT_READ,
    /** Operational metrics (Prometheus). */
    METRICS_READ;

    /** The Spring Security authority standing for this permission (filter-chain rules use it). */
    public String authority() {
        return "PERM_" + name();
    }
}
