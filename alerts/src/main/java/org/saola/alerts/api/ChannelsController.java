package org.saola.alerts.api;

import java.util.List;
import org.saola.alerts.notify.Channel;
import org.saola.alerts.notify.Channels;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alert channels: {@code GET/POST /api/v1/alerts/channels}, {@code PUT/DELETE /api/v1/alerts/channels/{name}}
 * ({@code RULES_MANAGE}). A webhook's secret is written, never read back ({@code hasSecret}).
 */
@RestController
class ChannelsController {

    private final Channels channels;

    ChannelsController(Channels channels) {
        this.channels = channels;
    }

    @GetMapping("/api/v1/alerts/channels")
    @RequiresPermission(Permission.RULES_MANAGE)
    List<Channel> list() {
        return channels.list(CurrentCaller.principal().tenant());
    }

    @PostMapping("/api/v1/alerts/channels")
    @RequiresPermission(Permission.RULES_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    Channel create(@RequestBody(required = false) Channel.Draft draft) {
        return channels.create(CurrentCaller.principal().tenant(), draft);
    }

    @PutMapping("/api/v1/alerts/channels/{name}")
    @RequiresPermission(Permission.RULES_MANAGE)
    Channel update(@PathVariable String name, @RequestBody(required = false) Channel.Draft draft) {
        return channels.update(CurrentCaller.principal().tenant(), name, draft);
    }

    @DeleteMapping("/api/v1/alerts/channels/{name}")
    @RequiresPermission(Permission.RULES_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String name) {
        channels.delete(CurrentCaller.principal().tenant(), name);
    }
}
