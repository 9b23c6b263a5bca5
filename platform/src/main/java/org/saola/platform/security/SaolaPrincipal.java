package org.saola.platform.security;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.saola.platform.TenantId;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is calling, for which tenant, with which roles and for which departments: the same for a signed-in
 * member of staff and an API key. An empty {@code departments} means the caller is not scoped to any.
 */
public record SaolaPrincipal(TenantId tenant, String name, Set<StaffRole> roles, Set<String> departments)
        implements Principal, java.io.Serializable {

    public SaolaPrincipal {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        departments = Set.copyOf(departments);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a caller has at least one role");
        }
    }

    public SaolaPrincipal(TenantId tenant, String name, StaffRole role) {
        this(tenant, name, Set.of(role), Set.of());
    }

    public boolean has(Permission permission) {
        for (StaffRole r : roles) {
            if (r.grants(permission)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The departments whose work (alerts, reports, later consultations) this caller sees, or empty for all:
     * administrators and operators see all; a caller scoped to departments sees theirs; an officer of no
     * department sees none.
     */
    public Optional<Set<String>> departmentScope() {
        if (roles.contains(StaffRole.ADMIN) || roles.contains(StaffRole.OPERATOR)) {
            return Optional.empty();
        }
        if (!departments.isEmpty() || roles.contains(StaffRole.OFFICER)) {
            return Optional.of(departments);
        }
        return Optional.empty();
    }

    /** {@link #authorities} by set of roles: the same few sets of roles come with every request. */
    private static final java.util.Map<Set<StaffRole>, List<GrantedAuthority>> AUTHORITIES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Roles and permissions as Spring Security authorities, for filter-chain rules (unmodifiable; made once for each
     * set of roles, where it was made for every request).
     */
    public Collection<GrantedAuthority> authorities() {
        return AUTHORITIES.computeIfAbsent(roles, SaolaPrincipal::authoritiesOf);
    }

    private static List<GrantedAuthority> authoritiesOf(Set<StaffRole> roles) {
        List<GrantedAuthority> a = new ArrayList<>();
        for (StaffRole r : roles) {
            a.add(new SimpleGrantedAuthority(r.authority()));
        }
        for (Permission p : Permission.values()) {
            if (roles.stream().anyMatch(r -> r.grants(p))) {
                a.add(new SimpleGrantedAuthority(p.authority()));
            }
        }
        return List.copyOf(a);
    }

    @Override
    public String getName() {
        return name;
    }
}
