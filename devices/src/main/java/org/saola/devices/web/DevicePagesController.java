package org.saola.devices.web;

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

    DevicePagesController(DeviceRegistry devices, DeviceProfiles profiles, HealthWatch health) {
        this.devices = devices;
        this.profiles = profiles;
        this.health = health;
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

    @GetMapping("/operations/devices/{id}")
    String device(@PathVariable String id, Model model) {
        TenantId tenant = CurrentCaller.tenant();
        Device d = devices.find(tenant, id).orElseThrow(() -> new NotFoundException("no device '" + id + "' in this tenant"));
        Optional<DeviceProfile> profile = profiles.find(tenant, d.profile());
        model.addAttribute("device", d);
        model.addAttribute("kind", profile.map(p -> p.name(language())).orElse(d.profile()));
        model.addAttribute("entityIds", profile.map(p -> p.entityIds(d.id())).orElse(List.of(d.entityId())));
        model.addAttribute("interval", profile.map(p -> p.reportingInterval().toString()).orElse(""));
        model.addAttribute("rejections", devices.rejections(tenant, id, 50));
        model.addAttribute("counts", devices.rejectionCounts(tenant, id));
        model.addAttribute("health", health.health(tenant, id));
        model.addAttribute("workItems", health.workItems(tenant, id, 20));
        return "devices/device";
    }

    private String kindName(TenantId tenant, String profile, String language) {
        return profiles.find(tenant, profile).map(p -> p.name(language)).orElse(profile);
    }

    private static String language() {
        return LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage()) ? "en" : "vi";
    }
}
