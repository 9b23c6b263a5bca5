package org.saola.web.admin;

import java.util.List;
import java.util.Map;
import org.saola.platform.InvalidInputException;
import org.saola.platform.outbound.Cidr;
import org.saola.platform.outbound.OutboundAllowLists;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal networks (CIDR) Saola may call on this tenant's behalf: notification endpoints and webhooks
 * on the city's own network. Everything internal that is not listed stays refused.
 */
@RestController
@RequestMapping("/api/v1/settings/outbound-allow-list")
@RequiresPermission(Permission.SETTINGS_MANAGE)
class OutboundAllowListController {

    record AllowList(List<String> networks) {
    }

    private final OutboundAllowLists allowLists;

    OutboundAllowListController(OutboundAllowLists allowLists) {
        this.allowLists = allowLists;
    }

    @GetMapping
    AllowList get() {
        return new AllowList(allowLists.of(CurrentCaller.tenant()).stream().map(Cidr::toString).toList());
    }

    @PutMapping
    AllowList replace(@RequestBody AllowList body) {
        if (body.networks() == null) {
            throw new InvalidInputException("networks", "send {\"networks\": [\"10.1.0.0/16\", ...]} (an empty list allows none)");
        }
        return new AllowList(allowLists.replace(CurrentCaller.tenant(), body.networks()).stream().map(Cidr::toString).toList());
    }
}
