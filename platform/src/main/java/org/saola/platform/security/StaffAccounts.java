package org.saola.platform.security;

import java.util.Optional;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts of all tenants; passwords are kept as bcrypt hashes only. */
@Repository
public class StaffAccounts {

    public record StaffAccount(TenantId tenant, String username, String passwordHash, StaffRole role,
            String displayName) {
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;

    public StaffAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    public Optional<StaffAccount> findByUsername(String username) {
        return jdbc.sql("SELECT tenant_id, username, password_hash, role, display_name FROM staff_account WHERE username = ?")
                .param(username)
                .query((rs, n) -> new StaffAccount(TenantId.of(rs.getString(1)), rs.getString(2), rs.getString(3),
                        StaffRole.valueOf(rs.getString(4)), rs.getString(5)))
                .optional();
    }

    public boolean anyAdmin(TenantId tenant) {
        return jdbc.sql("SELECT count(*) FROM staff_account WHERE tenant_id = ? AND role = 'ADMIN'")
                .param(tenant.value()).query(Long.class).single() > 0;
    }

    @Transactional
    public void create(TenantId tenant, String username, String password, StaffRole role, String displayName) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{3,64}")) {
            throw new InvalidInputException("username", "a username is 3-64 letters, digits or . _ @ -");
        }
        if (password == null || password.length() < 12) {
            throw new InvalidInputException("password", "a password has at least 12 characters");
        }
        if (findByUsername(username).isPresent()) {
            throw new ConflictException("a staff account named '" + username + "' exists already");
        }
        jdbc.sql("INSERT INTO staff_account (tenant_id, username, password_hash, role, display_name) VALUES (?, ?, ?, ?, ?)")
                .params(tenant.value(), username, passwordEncoder.encode(password), role.name(), displayName)
                .update();
    }
}
