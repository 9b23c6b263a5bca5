package org.saola.devices.web;

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

    /** A device in the list: the device and its kind's name in the reader's language. */
    record Row(Device device, String kind) {
    }

    private final DeviceRegistry devices;
    private final DeviceProfiles profiles;

    DevicePagesController(DeviceRegistry devices, DeviceProfiles profiles) {
        this.devices = devices;
        this.profiles = profiles;
    }

    @GetMapping("/operations/devices")
    String list(Model model, @RequestParam Optional<String> kind) {
        TenantId tenant = CurrentCaller.tenant();
        String language = language();
        List<Row> rows = devices.list(tenant).stream()
                .filter(d -> kind.filter(k -> !k.isBlank() && !k.equals(d.profile())).isEmpty())
                .map(d -> new Row(d, profiles.find(tenant, d.profile()).map(p -> p.name(language)).orElse(d.profile())))
                .toList();
        model.addAttribute("rows", rows);
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
        return "devices/device";
    }

    private static String language() {
        return LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage()) ? "en" : "vi";
    }
}
