package org.saola.platform.security;

import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes sure the default tenant has an administrator. Its password comes from {@code saola.admin.password}
 * ({@code SAOLA_ADMIN_PASSWORD}) or is generated; a generated one is handed out once, to be printed once.
 */
@Component
public class FirstRunAdmin {

    private final StaffAccounts accounts;
    private final String username;
    private final String configuredPassword;

    public FirstRunAdmin(StaffAccounts accounts, @Value("${saola.admin.username:admin}") String username,
            @Value("${saola.admin.password:}") String configuredPassword) {
        this.accounts = accounts;
        this.username = username;
        this.configuredPassword = configuredPassword;
    }

    public String username() {
        return username;
    }

    /**
     * Creates the administrator if the default tenant has none.
     *
     * @return the generated password, if one was generated now; empty if the admin existed or was configured
     */
    public Optional<String> ensureAdmin() {
        if (accounts.anyAdmin(TenantId.DEFAULT)) {
            return Optional.empty();
        }
        boolean generated = configuredPassword.isBlank();
        String password = generated ? Secrets.generate(15) : configuredPassword;
        accounts.create(TenantId.DEFAULT, username, password, StaffRole.ADMIN, "Administrator");
        return generated ? Optional.of(password) : Optional.empty();
    }
}
