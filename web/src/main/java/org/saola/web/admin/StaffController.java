package org.saola.web.admin;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.Secrets;
import org.saola.platform.security.StaffAccounts;
import org.saola.platform.security.StaffAccounts.StaffAccount;
import org.saola.platform.security.StaffAccounts.StaffChange;
import org.saola.platform.security.StaffRole;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff administration of the caller's tenant: create accounts, assign roles and departments, disable,
 * reset a password. Accounts are never deleted (the audit log keeps naming them); they are disabled.
 */
@RestController
@RequestMapping("/api/v1/staff")
@RequiresPermission(Permission.STAFF_MANAGE)
class StaffController {

    record StaffView(String username, String displayName, Set<StaffRole> roles, Set<String> departments,
            boolean disabled, Instant createdAt) {
        static StaffView of(StaffAccount a) {
            return new StaffView(a.username(), a.displayName(), new TreeSet<>(a.roles()), new TreeSet<>(a.departments()),
                    !a.enabled(), a.createdAt());
        }
    }

    record NewStaff(String username, String displayName, String password, List<String> roles, List<String> departments) {
    }

    record Patch(String displayName, List<String> roles, List<String> departments, Boolean disabled) {
    }

    record PasswordReset(String password) {
    }

    /** A password chosen by Saola is in the answer once, for the administrator to hand over. */
    record WithPassword(StaffView staff, String password) {
    }

    private final StaffAccounts accounts;

    StaffController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    List<StaffView> list() {
        return accounts.list(CurrentCaller.tenant()).stream().map(StaffView::of).toList();
    }

    @GetMapping("/{username}")
    StaffView get(@PathVariable String username) {
        return StaffView.of(account(CurrentCaller.tenant(), username));
    }

    @PostMapping
    ResponseEntity<WithPassword> create(@RequestBody NewStaff body) {
        boolean generated = body.password() == null;
        String password = generated ? Secrets.generate(15) : body.password();
        StaffAccount a = accounts.create(CurrentCaller.tenant(), body.username(), password,
                roles(body.roles()), body.departments() == null ? Set.of() : Set.copyOf(body.departments()),
                body.displayName());
        return ResponseEntity.created(URI.create("/api/v1/staff/" + a.username()))
                .body(new WithPassword(StaffView.of(a), generated ? password : null));
    }

    @PatchMapping("/{username}")
    StaffView change(@PathVariable String username, @RequestBody Patch body) {
        StaffAccount a = accounts.update(CurrentCaller.tenant(), username, new StaffChange(
                Optional.ofNullable(body.displayName()),
                Optional.ofNullable(body.roles()).map(StaffController::roles),
                Optional.ofNullable(body.departments()).map(Set::copyOf),
                Optional.ofNullable(body.disabled())));
        return StaffView.of(a);
    }

    /** Sets the password given, or one Saola generates and answers once. */
    @PostMapping("/{username}/password")
    WithPassword resetPassword(@PathVariable String username, @RequestBody(required = false) PasswordReset body) {
        TenantId tenant = CurrentCaller.tenant();
        boolean generated = body == null || body.password() == null;
        String password = generated ? Secrets.generate(15) : body.password();
        accounts.resetPassword(tenant, username, password);
        return new WithPassword(StaffView.of(account(tenant, username)), generated ? password : null);
    }

    private StaffAccount account(TenantId tenant, String username) {
        return accounts.find(tenant, username)
                .orElseThrow(() -> new NotFoundException("no staff account '" + username + "' in this tenant"));
    }

    private static Set<StaffRole> roles(List<String> names) {
        if (names == null) {
            return Set.of();
        }
        return names.stream().map(n -> StaffRole.parse("roles", n)).collect(Collectors.toSet());
    }
}
