package org.saola.opendata.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.DataSharing;
import org.saola.opendata.domain.Dataset;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.SaolaException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
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
 * Data-sharing agreements for staff ({@code /admin/data-sharing}): the data owner reads each agreement with its
 * keys and every use (an officer: those sharing their own departments' datasets); staff who manage the catalogue
 * record an agreement (each shared dataset's fields ticked, without JavaScript), issue a key (shown once), revoke
 * one, end an agreement early.
 */
@Controller
@WebPage
@RequiresPermission(Permission.DATA_SHARING_READ)
class DataSharingPages {

    /** A key as the page lists it. */
    record KeyShown(String id, String name, String created, String revoked) {
    }

    /** A use as the page lists it. */
    record UseShown(String at, String keyName, String action, String dataset, long rows, boolean allowed, String detail) {
    }

    /** A shared dataset offered in the form, with its fields (id and label). */
    record DatasetChoice(String name, String title, List<Map.Entry<String, String>> fields) {
    }

    private final DataSharing sharing;
    private final Catalogue catalogue;
    private final Departments departments;
    private final AgreementsShown shown;
    private final CityTime time;

    DataSharingPages(DataSharing sharing, Catalogue catalogue, Departments departments, AgreementsShown shown, CityTime time) {
        this.sharing = sharing;
        this.catalogue = catalogue;
        this.departments = departments;
        this.shown = shown;
        this.time = time;
    }

    @GetMapping("/admin/data-sharing")
    String list(Model model) {
        TenantId tenant = CurrentCaller.tenant();
        boolean vi = CityTime.vietnamese();
        var scope = CurrentCaller.principal().departmentScope();
        List<DataSharing.Agreement> visible = sharing.list(tenant).stream().filter(a -> a.visibleTo(scope)).toList();
        model.addAttribute("agreements", shown.shown(tenant, visible, vi));
        boolean manage = CurrentCaller.principal().has(Permission.OPENDATA_MANAGE);
        model.addAttribute("manage", manage);
        if (manage) {
            model.addAttribute("choices", catalogue.everything(tenant).stream().filter(d -> !d.open())
                    .map(d -> new DatasetChoice(d.name(), d.title(vi), d.columns().stream()
                            .map(c -> Map.entry(c.id(), (vi ? c.labelVi() : c.labelEn()) + " (" + c.id() + ")")).toList()))
                    .toList());
            model.addAttribute("departments", departments.list(tenant));
        }
        return "opendata/data-sharing";
    }

    @GetMapping("/admin/data-sharing/{id}")
    String one(@PathVariable UUID id, Model model) {
        TenantId tenant = CurrentCaller.tenant();
        DataSharing.Agreement a = owned(tenant, id);
        var format = time.formatter();
        model.addAttribute("a", shown.shown(tenant, List.of(a), CityTime.vietnamese()).getFirst());
        model.addAttribute("contact", a.party().contact().orElse(""));
        model.addAttribute("createdBy", a.createdBy());
        model.addAttribute("keys", sharing.keys(tenant, id).stream().map(k -> new KeyShown(k.id().toString(), k.name(),
                format.format(k.created()), k.revoked().map(format::format).orElse(null))).toList());
        model.addAttribute("uses", sharing.uses(tenant, id, 200).stream().map(u -> new UseShown(format.format(u.at()), u.keyName(),
                u.action(), u.dataset(), u.rows(), u.allowed(), u.detail().orElse(""))).toList());
        model.addAttribute("manage", CurrentCaller.principal().has(Permission.OPENDATA_MANAGE));
        model.addAttribute("inForce", Set.of(DataSharing.Status.ACTIVE, DataSharing.Status.PENDING).contains(a.status(sharing.now())));
        return "opendata/data-sharing-agreement";
    }

    @PostMapping("/admin/data-sharing")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    String record(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String partyKind,
            @RequestParam(defaultValue = "") String partyName, @RequestParam(defaultValue = "") String partyDepartment,
            @RequestParam(defaultValue = "") String partyContact, @RequestParam(defaultValue = "") String purpose,
            @RequestParam(defaultValue = "") String legalBasis, @RequestParam(defaultValue = "") String licence,
            @RequestParam(defaultValue = "") String intellectualProperty, @RequestParam(defaultValue = "") String starts,
            @RequestParam(defaultValue = "") String expires, @RequestParam(defaultValue = "") List<String> fields,
            RedirectAttributes redirect) {
        try {
            DataSharing.PartyKind kind;
            try {
                kind = DataSharing.PartyKind.valueOf(partyKind);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("partyKind", "choose whom the data is shared with");
            }
            Map<String, List<String>> byDataset = new LinkedHashMap<>();
            for (String f : fields) {
                int sep = f.indexOf("::");
                if (sep > 0) {
                    byDataset.computeIfAbsent(f.substring(0, sep), k -> new ArrayList<>()).add(f.substring(sep + 2));
                }
            }
            List<DataSharing.DraftDataset> datasets = byDataset.entrySet().stream()
                    .map(e -> new DataSharing.DraftDataset(e.getKey(), e.getValue())).toList();
            DataSharing.Agreement a = sharing.record(CurrentCaller.tenant(), new DataSharing.Draft(title, kind, partyName, partyDepartment,
                    partyContact, purpose, legalBasis, licence, intellectualProperty, date("starts", starts), date("expires", expires),
                    datasets), CurrentCaller.principal().name());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/data-sharing/" + a.id();
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
            return "redirect:/admin/data-sharing";
        }
    }

    @PostMapping("/admin/data-sharing/{id}/keys")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    String issue(@PathVariable UUID id, @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        try {
            DataSharing.IssuedKey k = sharing.issue(CurrentCaller.tenant(), id, name, CurrentCaller.principal().name());
            redirect.addFlashAttribute("secret", k.secret());
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/admin/data-sharing/" + id;
    }

    @PostMapping("/admin/data-sharing/{id}/keys/{key}/revoke")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    String revoke(@PathVariable UUID id, @PathVariable UUID key, RedirectAttributes redirect) {
        try {
            sharing.revoke(CurrentCaller.tenant(), id, key, CurrentCaller.principal().name());
            redirect.addFlashAttribute("saved", true);
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/admin/data-sharing/" + id;
    }

    @PostMapping("/admin/data-sharing/{id}/end")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    String end(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            sharing.end(CurrentCaller.tenant(), id, reason, CurrentCaller.principal().name());
            redirect.addFlashAttribute("saved", true);
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/admin/data-sharing/" + id;
    }

    private DataSharing.Agreement owned(TenantId tenant, UUID id) {
        DataSharing.Agreement a = sharing.agreement(tenant, id);
        if (!a.visibleTo(CurrentCaller.principal().departmentScope())) {
            throw new NotFoundException("no data-sharing agreement " + id);
        }
        return a;
    }

    /** A date from the form in the city's time: a start at the start of that day, an expiry at its end; empty for none. */
    private java.time.Instant date(String field, String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            return (field.equals("expires") ? day.plusDays(1) : day).atStartOfDay(time.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is a date such as 2027-12-31; got '" + value + "'");
        }
    }
}
