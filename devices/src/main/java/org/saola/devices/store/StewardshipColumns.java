package org.saola.devices.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.saola.devices.Stewardship;

/**
 * The eight columns a device and a listed sensor share for the public register, in this order: owner_department,
 * owner_organisation, purpose, personal_data, legal_basis, retention, installed_on, status.
 */
final class StewardshipColumns {

    static final String NAMES = "owner_department, owner_organisation, purpose, personal_data, legal_basis, retention, "
            + "installed_on, status";

    private StewardshipColumns() {
    }

    /** The column values, in {@link #NAMES}' order. */
    static List<Object> values(Stewardship s) {
        return java.util.Arrays.asList(s.department().orElse(null), s.organisation().orElse(null), s.purpose(),
                s.personalData(), s.legalBasis(), s.retention().toString(),
                s.installedOn().map(java.sql.Date::valueOf).orElse(null), s.status().name());
    }

    /** Reads the eight columns starting at {@code first} (1-based). */
    static Stewardship read(ResultSet rs, int first) throws SQLException {
        java.sql.Date installed = rs.getDate(first + 6);
        return new Stewardship(Optional.ofNullable(rs.getString(first)), Optional.ofNullable(rs.getString(first + 1)),
                rs.getString(first + 2), rs.getString(first + 3), rs.getString(first + 4),
                Period.parse(rs.getString(first + 5)), Optional.ofNullable(installed).map(java.sql.Date::toLocalDate),
                Stewardship.Status.valueOf(rs.getString(first + 7)));
    }
}
