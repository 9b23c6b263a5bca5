package org.saola.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.events.DomainEvents;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts of all tenants: roles, departments, disabled or not; passwords are kept as bcrypt hashes
 * only. A tenant always keeps at least one enabled administrator: a change that would leave it none is
 * refused, so nobody can lock the city out of its own settings.
 */
@Repository
public class StaffAccounts {

    public record StaffAccount(TenantId tenant, String username, String passwordHash, Set<StaffRole> roles,
            Set<String> departments, String displayName, Optional<Instant> disabledAt, Instant createdAt) {

        public boolean enabled() {
            return disabledAt.isEmpty();
        }

        public SaolaPrincipal principal() {
            return new SaolaPrincipal(tenant, username, roles, departments);
        }
    }

    /** What an administrator may change of an account; an absent field is left as it is. */
    public record StaffChange(Optional<String> displayName, Optional<Set<StaffRole>> roles,
            Optional<Set<String>> departments, Optional<Boolean> disabled) {
    }

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");
    private static final String COLUMNS = """
            s.tenant_id, s.username, s.password_hash, s.roles, s.display_name, s.disabled_at, s.created_at,
            ARRAY(SELECT d.department_code FROM staff_department d
                  WHERE d.tenant_id = s.tenant_id AND d.username = s.username ORDER BY 1)""";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final InstantSource clock;
    private final AuditLog audit;
    private final Departments departments;
    private final DomainEvents events;
    /**
     * A signed-in session carries the principal as it was at sign-in; requests re-read the account through
     * this, so a role change or a disabled account takes effect within {@link #RECHECK} on every node, and at
     * once on the node that made the change.
     */
    private final Cache<String, Optional<SaolaPrincipal>> current;
    static final Duration RECHECK = Duration.ofSeconds(5);

    public StaffAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder, InstantSource clock, AuditLog audit,
            Departments departments, DomainEvents events) {
        this.events = events;
        this.jdbc = jdbc;
        this.departments = departments;
        this.audit = audit;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.current = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(RECHECK)
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L).build();
    }

    public Optional<StaffAccount> findByUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return Optional.empty();          // no such account can exist, and a NUL would upset PostgreSQL
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account s WHERE s.username = ?")
                .param(username).query((rs, n) -> row(rs)).optional();
    }

    public Optional<StaffAccount> find(TenantId tenant, String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account s WHERE s.tenant_id = ? AND s.username = ?")
                .params(tenant.value(), username).query((rs, n) -> row(rs)).optional();
    }

    public List<StaffAccount> list(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account s WHERE s.tenant_id = ? ORDER BY s.username")
                .param(tenant.value()).query((rs, n) -> row(rs)).list();
    }

    /** The principal of an enabled account as it is now, for a session that signed in earlier. */
    public Optional<SaolaPrincipal> current(TenantId tenant, String username) {
        return current.get(tenant.value() + "/" + username,
                k -> find(tenant, username).filter(StaffAccount::enabled).map(StaffAccount::principal));
    }

    public boolean anyAdmin(TenantId tenant) {
        return enabledAdmins(tenant) > 0;
    }

    @Transactional
    public StaffAccount create(TenantId tenant, String username, String password, Set<StaffRole> roles,
            Set<String> departments, String displayName) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("username", "a username is 3-64 letters, digits or . _ @ -");
        }
        checkPassword(password);
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles", "a member of staff has at least one role");
        }
        String name = displayName(displayName == null || displayName.isBlank() ? username : displayName);
        if (findByUsername(username).isPresent()) {
            throw new ConflictException("a staff account named '" + username + "' exists already");
        }
        jdbc.sql("INSERT INTO staff_account (tenant_id, username, password_hash, roles, display_name) VALUES (?, ?, ?, ?::text[], ?)")
                .params(tenant.value(), username, passwordEncoder.encode(password), roleArray(roles), name)
                .update();
        setDepartments(tenant, username, departments);
        StaffAccount created = find(tenant, username).orElseThrow();
        audit.record(tenant, "STAFF_CREATED", username, "", Map.of("roles", sorted(created.roles()),
                "departments", sorted(created.departments())));
        return created;
    }

    public StaffAccount create(TenantId tenant, String username, String password, StaffRole role, String displayName) {
        return create(tenant, username, password, Set.of(role), Set.of(), displayName);
    }

    @Transactional
    public StaffAccount update(TenantId tenant, String username, StaffChange change) {
        lockTenant(tenant);
        StaffAccount before = find(tenant, username)
                .orElseThrow(() -> new NotFoundException("no staff account '" + username + "' in this tenant"));
        change.displayName().ifPresent(n -> jdbc.sql("UPDATE staff_account SET display_name = ? WHERE tenant_id = ? AND username = ?")
                .params(displayName(n), tenant.value(), username).update());
        change.roles().ifPresent(r -> {
            if (r.isEmpty()) {
                throw new InvalidInputException("roles", "a member of staff has at least one role");
            }
            jdbc.sql("UPDATE staff_account SET roles = ?::text[] WHERE tenant_id = ? AND username = ?")
                    .params(roleArray(r), tenant.value(), username).update();
        });
        change.departments().ifPresent(d -> setDepartments(tenant, username, d));
        change.disabled().ifPresent(off -> jdbc.sql("""
                        UPDATE staff_account SET disabled_at = CASE WHEN ? THEN coalesce(disabled_at, ?) ELSE NULL END
                        WHERE tenant_id = ? AND username = ?""")
                .params(off, java.sql.Timestamp.from(clock.instant()), tenant.value(), username).update());
        if (before.enabled() && before.roles().contains(StaffRole.ADMIN) && enabledAdmins(tenant) == 0) {
            throw new ConflictException("'" + username + "' is the last enabled administrator of this tenant; "
                    + "make another member of staff ADMIN first");
        }
        forget(tenant, username);
        StaffAccount after = find(tenant, username).orElseThrow();
        Map<String, Object> changed = new java.util.TreeMap<>();
        if (!after.roles().equals(before.roles())) {
            changed.put("rolesBefore", sorted(before.roles()));
            changed.put("roles", sorted(after.roles()));
        }
        if (!after.departments().equals(before.departments())) {
            changed.put("departmentsBefore", sorted(before.departments()));
            changed.put("departments", sorted(after.departments()));
        }
        if (after.enabled() != before.enabled()) {
            changed.put("disabled", !after.enabled());
        }
        if (!after.displayName().equals(before.displayName())) {
            changed.put("displayName", after.displayName());
        }
        if (!changed.isEmpty()) {
            audit.record(tenant, changed.containsKey("roles") ? "STAFF_ROLES_CHANGED"
                    : changed.containsKey("disabled") ? (after.enabled() ? "STAFF_ENABLED" : "STAFF_DISABLED")
                    : "STAFF_CHANGED", username, "", changed);
        }
        return after;
    }

    @Transactional
    public void resetPassword(TenantId tenant, String username, String password) {
        checkPassword(password);
        int n = jdbc.sql("UPDATE staff_account SET password_hash = ? WHERE tenant_id = ? AND username = ?")
                .params(passwordEncoder.encode(password), tenant.value(), username).update();
        if (n == 0) {
            throw new NotFoundException("no staff account '" + username + "' in this tenant");
        }
        audit.record(tenant, "STAFF_PASSWORD_RESET", username, "", Map.of());
        forget(tenant, username);
    }

    /** Sessions re-read the account once the change has committed (on every node, once events cross nodes). */
    private void forget(TenantId tenant, String username) {
        events.publish(new StaffAccountChanged(tenant, username));
    }

    @EventListener
    void changed(StaffAccountChanged e) {
        current.invalidate(e.tenant().value() + "/" + e.username());
    }

    private void setDepartments(TenantId tenant, String username, Set<String> departments) {
        Set<String> codes = departments == null ? Set.of() : departments;
        // Checked here, not left to the foreign key, so that the client learns which code is unknown.
        jdbc.sql("DELETE FROM staff_department WHERE tenant_id = ? AND username = ?").params(tenant.value(), username).update();
        if (codes.isEmpty()) {
            return;
        }
        this.departments.existing(tenant, "departments", codes);
        for (String code : codes) {
            jdbc.sql("INSERT INTO staff_department (tenant_id, username, department_code) VALUES (?, ?, ?)")
                    .params(tenant.value(), username, code).update();
        }
    }

    /** Serialises changes to one tenant's staff, so that two admins demoting each other cannot both succeed. */
    private void lockTenant(TenantId tenant) {
        jdbc.sql("SELECT id FROM tenant WHERE id = ? FOR UPDATE").param(tenant.value()).query(String.class).optional();
    }

    private long enabledAdmins(TenantId tenant) {
        return jdbc.sql("SELECT count(*) FROM staff_account WHERE tenant_id = ? AND 'ADMIN' = ANY(roles) AND disabled_at IS NULL")
                .param(tenant.value()).query(Long.class).single();
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < 12 || password.length() > 128) {
            throw new InvalidInputException("password", "a password has 12 to 128 characters");
        }
    }

    private static String displayName(String name) {
        if (name.isBlank() || name.strip().length() > 200) {
            throw new InvalidInputException("displayName", "displayName is 1-200 characters");
        }
        return name.strip();
    }

    private static String sorted(Set<?> values) {
        return values.stream().map(Object::toString).sorted().collect(java.util.stream.Collectors.joining(","));
    }

    private static String roleArray(Set<StaffRole> roles) {
        return Departments.array(roles.stream().map(Enum::name).sorted().toList());
    }

    private static StaffAccount row(ResultSet rs) throws SQLException {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (String r : Departments.list(rs.getArray(4))) {
            roles.add(StaffRole.valueOf(r));
        }
        java.sql.Timestamp disabled = rs.getTimestamp(6);
        return new StaffAccount(TenantId.of(rs.getString(1)), rs.getString(2), rs.getString(3), roles,
                new HashSet<>(Departments.list(rs.getArray(8))), rs.getString(5),
                Optional.ofNullable(disabled).map(java.sql.Timestamp::toInstant), rs.getTimestamp(7).toInstant());
    }
}
