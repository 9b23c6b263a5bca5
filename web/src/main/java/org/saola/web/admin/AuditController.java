package org.saola.web.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.saola.platform.InvalidInputException;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.audit.AuditRecord;
import org.saola.platform.audit.AuditVerification;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administrators search the tenant's audit log and check that its chain is intact. */
@RestController
@RequestMapping("/api/v1/audit")
@RequiresPermission(Permission.AUDIT_READ)
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    List<AuditRecord> search(@RequestParam Optional<String> actor, @RequestParam Optional<String> action,
            @RequestParam Optional<String> from, @RequestParam Optional<String> to,
            @RequestParam Optional<Integer> limit) {
        return audit.search(CurrentCaller.tenant(), actor, action, from.map(f -> instant("from", f)),
                to.map(t -> instant("to", t)), limit.orElse(100));
    }

    /** Recomputes the whole chain; answers whether it is intact and, if not, where it breaks. */
    @PostMapping("/verification")
    AuditVerification verify() {
        return audit.verify(CurrentCaller.tenant());
    }

    static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is an ISO 8601 instant such as 2026-11-29T08:00:00Z; got '"
                    + value + "'");
        }
    }
}
