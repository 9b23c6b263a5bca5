package org.saola.devices.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saola.devices.domain.CommandService;
import org.saola.devices.domain.DeviceCommand;
import org.saola.platform.InvalidInputException;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands to a device's actuator: {@code POST /api/v1/devices/{id}/commands} {@code {"command": "dim", "value":
 * 0.3}} answers {@code 202} at once (the device answers later); {@code GET} lists them with what became of each.
 */
@RestController
class CommandsController {

    record CommandRequest(String command, Double value) {
    }

    record CommandView(String id, String command, Double value, String status, String info, String issuedBy,
            Instant issuedAt, Instant expiresAt, Instant sentAt, Instant answeredAt) {
        static CommandView of(DeviceCommand c) {
            return new CommandView(c.id().toString(), c.command(), c.value().orElse(null), c.status().name(), c.info(),
                    c.issuedBy(), c.issuedAt(), c.expiresAt(), c.sentAt().orElse(null), c.answeredAt().orElse(null));
        }
    }

    private final CommandService commands;
    private final AuditLog audit;

    CommandsController(CommandService commands, AuditLog audit) {
        this.commands = commands;
        this.audit = audit;
    }

    @PostMapping(path = "/api/v1/devices/{id}/commands", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.DEVICES_COMMAND)
    ResponseEntity<CommandView> issue(@PathVariable String id, @RequestBody CommandRequest body) {
        if (body == null || body.command() == null || body.command().isBlank()) {
            throw new InvalidInputException("command", "command is required, e.g. {\"command\": \"dim\", \"value\": 0.3}");
        }
        var caller = CurrentCaller.principal();
        DeviceCommand c = commands.issueCommand(caller.tenant(), id, body.command(), Optional.ofNullable(body.value()), caller.name());
        audit.record(caller.tenant(), "DEVICE_COMMAND_ISSUED", id, "", java.util.Map.of("command", c.command()));
        return ResponseEntity.accepted().location(URI.create("/api/v1/devices/" + id + "/commands")).body(CommandView.of(c));
    }

    @GetMapping("/api/v1/devices/{id}/commands")
    @RequiresPermission(Permission.DEVICES_READ)
    List<CommandView> list(@PathVariable String id) {
        return commands.commands(CurrentCaller.tenant(), id, 50).stream().map(CommandView::of).toList();
    }
}
