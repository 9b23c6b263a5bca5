package org.saola.web.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.saola.platform.SaolaException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.Secrets;
import org.saola.platform.security.StaffAccounts;
import org.saola.platform.security.StaffAccounts.StaffChange;
import org.saola.platform.security.StaffRole;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.saola.web.shell.ProblemText;

/**
 * The staff console's administration pages: staff (create, roles, departments, disable, password reset),
 * departments, and the audit log. Plain forms (post, then redirect), usable without JavaScript; each
 * change goes through the same services, and so the same rules and audit records, as the API.
 */
@Controller
@WebPage
class AdminPagesController {

    private final StaffAccounts staff;
    private final Departments departments;
    private final AuditLog audit;

    AdminPagesController(StaffAccounts staff, Departments departments, AuditLog audit) {
        this.staff = staff;
        this.departments = departments;
        this.audit = audit;
    }

    @GetMapping("/admin/staff")
    @RequiresPermission(Permission.STAFF_MANAGE)
    String staff(Model model) {
        TenantId tenant = CurrentCaller.tenant();
        model.addAttribute("accounts", staff.list(tenant));
        model.addAttribute("roles", StaffRole.values());
        model.addAttribute("departments", departments.list(tenant));
        return "web/admin/staff";
    }

    @PostMapping("/admin/staff")
    @RequiresPermission(Permission.STAFF_MANAGE)
    String createStaff(@RequestParam String username, @RequestParam Optional<String> displayName,
            @RequestParam Optional<List<String>> roles, @RequestParam Optional<List<String>> departmentCodes,
            Model model, RedirectAttributes redirect) {
        String password = Secrets.generate(15);
        try {
            staff.create(CurrentCaller.tenant(), username, password, roles(roles), Set.copyOf(departmentCodes.orElse(List.of())),
                    displayName.orElse(null));
        } catch (SaolaException e) {
            model.addAttribute("problem", ProblemText.of(e));
            return staff(model);
        }
        redirect.addFlashAttribute("newPassword", password);
        return "redirect:/admin/staff/" + username;
    }

    @GetMapping("/admin/staff/{username}")
    @RequiresPermission(Permission.STAFF_MANAGE)
    String account(@PathVariable String username, Model model) {
        TenantId tenant = CurrentCaller.tenant();
        model.addAttribute("account", staff.find(tenant, username).orElseThrow(
                () -> new org.saola.platform.NotFoundException("no staff account '" + username + "'")));
        model.addAttribute("roles", StaffRole.values());
        model.addAttribute("departments", departments.list(tenant));
        return "web/admin/staff-edit";
    }

    @PostMapping("/admin/staff/{username}")
    @RequiresPermission(Permission.STAFF_MANAGE)
    String changeAccount(@PathVariable String username, @RequestParam String displayName,
            @RequestParam Optional<List<String>> roles, @RequestParam Optional<List<String>> departmentCodes,
            @RequestParam Optional<String> disabled, Model model, RedirectAttributes redirect) {
        try {
            staff.update(CurrentCaller.tenant(), username, new StaffChange(Optional.of(displayName),
                    Optional.of(roles(roles)), Optional.of(Set.copyOf(departmentCodes.orElse(List.of()))),
                    Optional.of(disabled.isPresent())));
        } catch (SaolaException e) {
            model.addAttribute("problem", ProblemText.of(e));
            return account(username, model);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/staff/" + username;
    }

    @PostMapping("/admin/staff/{username}/password")
    @RequiresPermission(Permission.STAFF_MANAGE)
    String resetPassword(@PathVariable String username, RedirectAttributes redirect) {
        String password = Secrets.generate(15);
        staff.resetPassword(CurrentCaller.tenant(), username, password);
        redirect.addFlashAttribute("newPassword", password);
        return "redirect:/admin/staff/" + username;
    }

    @GetMapping("/admin/departments")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    String departments(Model model) {
        model.addAttribute("departments", departments.list(CurrentCaller.tenant()));
        return "web/admin/departments";
    }

    @PostMapping("/admin/departments")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    String createDepartment(@RequestParam String code, @RequestParam String nameVi, @RequestParam String nameEn,
            @RequestParam Optional<String> contactEmail, @RequestParam Optional<String> contactPhone,
            @RequestParam Optional<String> wards, @RequestParam Optional<String> serviceCategories, Model model,
            RedirectAttributes redirect) {
        try {
            departments.create(CurrentCaller.tenant(), new Department(code.strip(), nameVi, nameEn, contactEmail,
                    contactPhone, lines(wards), lines(serviceCategories)));
        } catch (SaolaException e) {
            model.addAttribute("problem", ProblemText.of(e));
            return departments(model);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/departments";
    }

    @GetMapping("/admin/audit")
    @RequiresPermission(Permission.AUDIT_READ)
    String audit(@RequestParam Optional<String> actor, @RequestParam Optional<String> action,
            @RequestParam Optional<String> from, @RequestParam Optional<String> to, Model model) {
        Optional<String> a = actor.filter(s -> !s.isBlank());
        Optional<String> act = action.filter(s -> !s.isBlank());
        try {
            Optional<Instant> f = from.filter(s -> !s.isBlank()).map(s -> AuditController.instant("from", s));
            Optional<Instant> t = to.filter(s -> !s.isBlank()).map(s -> AuditController.instant("to", s));
            model.addAttribute("records", audit.search(CurrentCaller.tenant(), a, act, f, t, 200));
        } catch (SaolaException e) {
            model.addAttribute("problem", ProblemText.of(e));
            model.addAttribute("records", List.of());
        }
        model.addAttribute("actor", a.orElse(""));
        model.addAttribute("action", act.orElse(""));
        model.addAttribute("from", from.orElse(""));
        model.addAttribute("to", to.orElse(""));
        return "web/admin/audit";
    }

    @PostMapping("/admin/audit/verification")
    @RequiresPermission(Permission.AUDIT_READ)
    String verifyAudit(RedirectAttributes redirect) {
        // Flash attributes travel in the (serialised) session: plain values only.
        var v = audit.verify(CurrentCaller.tenant());
        redirect.addFlashAttribute("verified", true);
        redirect.addFlashAttribute("verificationIntact", v.intact());
        redirect.addFlashAttribute("verificationChecked", v.recordsChecked());
        redirect.addFlashAttribute("verificationBroken", v.firstBrokenRecord().orElse(0L));
        redirect.addFlashAttribute("verificationDetail", v.detail());
        return "redirect:/admin/audit";
    }

    private static Set<StaffRole> roles(Optional<List<String>> names) {
        return names.orElse(List.of()).stream().map(n -> StaffRole.parse("roles", n)).collect(Collectors.toSet());
    }

    /** One entry per line or comma: what a person types into a text area. */
    private static List<String> lines(Optional<String> text) {
        return text.stream().flatMap(t -> java.util.Arrays.stream(t.split("[,\\n]"))).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }
}
