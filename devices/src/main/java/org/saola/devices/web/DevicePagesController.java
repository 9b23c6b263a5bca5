package org.saola.devices.web;

import org.saola.devices.Stewardship;
import org.saola.platform.InvalidInputException;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.Departments;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import java.util.Map;
import org.saola.devices.health.DeviceHealth;
import org.saola.devices.health.HealthWatch;
import org.saola.devices.health.ProfileAvailability;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.saola.devices.Device;
import org.saola.devices.DeviceRegistry;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.WebPage;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.saola.web.shell.ProblemText;

/**
 * Staff pages of the device register: every device of the tenant with its kind, owner and status, and one
 * device's page with what the public register says, the entities it feeds and what it sent that was refused.
 */
@Controller
@WebPage
@RequiresPermission(Permission.DEVICES_READ)
class DevicePagesController {

    /** A device in the list: the device, its kind's name in the reader's language, and its health. */
    record Row(Device device, String kind, DeviceHealth health) {
    }

    /** A kind of device with its name, and how its devices are doing. */
    record ProfileRow(String name, ProfileAvailability availability) {
    }

    private final DeviceRegistry devices;
    private final DeviceProfiles profiles;
    private final HealthWatch health;
    private final Departments departments;
    private final AuditLog audit;

    private final org.saola.devices.domain.CommandService commands;

    DevicePagesController(DeviceRegistry devices, DeviceProfiles profiles, HealthWatch health, Departments departments,
            AuditLog audit, org.saola.devices.domain.CommandService commands) {
        this.commands = commands;
        this.devices = devices;
        this.profiles = profiles;
        this.health = health;
        this.departments = departments;
        this.audit = audit;
    }

    @GetMapping("/operations/devices")
    String list(Model model, @RequestParam Optional<String> kind) {
        TenantId tenant = CurrentCaller.tenant();
        String language = language();
        List<Device> all = devices.list(tenant);
        Map<String, DeviceHealth> healthById = health.health(tenant);
        List<Row> rows = all.stream()
                .filter(d -> kind.filter(k -> !k.isBlank() && !k.equals(d.profile())).isEmpty())
                .map(d -> new Row(d, kindName(tenant, d.profile(), language),
                        healthById.getOrDefault(d.id(), DeviceHealth.UNCHECKED)))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("workItems", health.workItems(tenant, true, 200));
        model.addAttribute("byProfile", ProfileAvailability.of(all, healthById).stream()
                .map(p -> new ProfileRow(kindName(tenant, p.profile(), language), p)).toList());
        model.addAttribute("kinds", profiles.list(tenant));
        model.addAttribute("language", language);
        model.addAttribute("kind", kind.orElse(""));
        return "devices/devices";
    }

    /** The register entry as the form shows it: texts, empty where nothing is said. */
    record RegisterForm(String department, String organisation, String purpose, String personalData, String legalBasis,
            String retention, String installedOn, String status) {
        static RegisterForm of(Stewardship s) {
            return new RegisterForm(s.department().orElse(""), s.organisation().orElse(""), s.purpose(), s.personalData(),
                    s.legalBasis(), s.retention().toString(), s.installedOn().map(Object::toString).orElse(""), s.status().name());
        }
    }

    @GetMapping("/operations/devices/{id}")
    String device(@PathVariable String id, Model model) {
        TenantId tenant = CurrentCaller.tenant();
        Device d = devices.find(tenant, id).orElseThrow(() -> new NotFoundException("no device '" + id + "' in this tenant"));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", RegisterForm.of(d.stewardship()));
        }
        model.addAttribute("canEdit", CurrentCaller.principal().has(Permission.DEVICES_REGISTER));
        model.addAttribute("canCommand", CurrentCaller.principal().has(Permission.DEVICES_COMMAND));
        model.addAttribute("commands", commands.commands(tenant, id, 10));
        model.addAttribute("departments", departments.list(tenant));
        model.addAttribute("statuses", Stewardship.Status.values());
        Optional<DeviceProfile> profile = profiles.find(tenant, d.profile());
        model.addAttribute("device", d);
        model.addAttribute("kind", profile.map(p -> p.name(language())).orElse(d.profile()));
        model.addAttribute("entityIds", profile.map(p -> p.entityIds(d.id())).orElse(List.of(d.entityId())));
        model.addAttribute("interval", profile.map(p -> p.reportingInterval().toString()).orElse(""));
        model.addAttribute("commandNames", profile.map(p -> p.commands()).orElse(List.of()));
        model.addAttribute("rejections", devices.rejections(tenant, id, 50));
        model.addAttribute("counts", devices.rejectionCounts(tenant, id));
        model.addAttribute("health", health.health(tenant, id));
        model.addAttribute("workItems", health.workItems(tenant, id, 20));
        return "devices/device";
    }

    /** What the public register says about the device, changed by staff who register devices. */
    @PostMapping("/operations/devices/{id}/register")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    String updateRegister(@PathVariable String id, RegisterForm form, Model model, RedirectAttributes redirect) {
        TenantId tenant = CurrentCaller.tenant();
        try {
            devices.updateStewardship(tenant, id, Stewardship.fromText(form.department(), form.organisation(),
                    form.purpose(), form.personalData(), form.legalBasis(), form.retention(), form.installedOn(),
                    form.status()));
        } catch (InvalidInputException e) {
            model.addAttribute("problem", ProblemText.of(e));
            model.addAttribute("problemField", e.field());
            model.addAttribute("form", form);
            return device(id, model);
        }
        audit.record(tenant, "DEVICE_REGISTER_UPDATED", id, "", Map.of());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/operations/devices/" + id;
    }

    /** A command to the device's actuator, from its page. */
    @PostMapping("/operations/devices/{id}/commands")
    @RequiresPermission(Permission.DEVICES_COMMAND)
    String command(@PathVariable String id, @RequestParam String command, @RequestParam Optional<String> value, Model model,
            RedirectAttributes redirect) {
        var caller = CurrentCaller.principal();
        try {
            Optional<Double> v = value.filter(x -> !x.isBlank()).map(x -> {
                try {
                    return Double.valueOf(x.strip().replace(',', '.'));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("value", "the value is a number such as 0.5; got '" + x + "'");
                }
            });
            commands.issue(caller.tenant(), id, command, v, caller.name());
        } catch (InvalidInputException | org.saola.platform.ConflictException e) {
            model.addAttribute("commandProblem", ProblemText.of(e));
            model.addAttribute("chosenCommand", command);
            model.addAttribute("chosenValue", value.orElse(""));
            return device(id, model);
        }
        audit.record(caller.tenant(), "DEVICE_COMMAND_ISSUED", id, "", Map.of("command", command));
        redirect.addFlashAttribute("commandSent", true);
        return "redirect:/operations/devices/" + id;
    }

    private String kindName(TenantId tenant, String profile, String language) {
        return profiles.find(tenant, profile).map(p -> p.name(language)).orElse(profile);
    }

    private static String language() {
        return LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage()) ? "en" : "vi";
    }
}
