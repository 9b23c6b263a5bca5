package org.saola.web.residents;

import java.util.UUID;
import org.saola.platform.residents.Contact;
import org.saola.platform.residents.ResidentAccounts;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's contact, for a member of staff who has a reason (to call back about a report, to tell of an
 * outcome): the reason is required and goes, with who asked, into the audit log.
 */
@RestController
class ResidentContactController {

    record ContactView(UUID resident, Contact.Kind kind, String value) {
    }

    private final ResidentAccounts residents;

    ResidentContactController(ResidentAccounts residents) {
        this.residents = residents;
    }

    @GetMapping("/api/v1/residents/{id}/contact")
    @RequiresPermission(Permission.RESIDENT_CONTACT_READ)
    ContactView contact(@PathVariable UUID id, @RequestParam(required = false) String reason) {
        Contact c = residents.readContact(CurrentCaller.tenant(), id, reason);
        return new ContactView(id, c.kind(), c.value());
    }
}
