package org.saola.devices.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.devices.Device;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.devices.store.CommandStore;
import org.saola.devices.store.DeviceStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commands to actuators (a street light on, off, dimmed): checked against the commands the device's profile
 * declares, recorded, published on the device's commands topic, and answered by the device on its result topic.
 * Each state is also written on the device's entity as {@code <command>_status} and {@code <command>_info}, the
 * FIWARE IoT Agent convention, so dashboards and subscriptions see them.
 *
 * <pre>to the device, saola/&lt;tenant&gt;/devices/&lt;id&gt;/commands:  {"id": "…", "command": "dim", "value": 0.3, "expiresAt": "…"}
 * from it, …/commands/result:                         {"id": "…", "status": "OK", "info": "dimmed to 30 %"}</pre>
 */
@Service
public class CommandService implements org.saola.devices.DeviceCommands {

    /** How long a device has to answer a command. */
    public static final Duration ANSWER_WITHIN = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(CommandService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Off the broker's threads: recording that a command was sent is a database write. */
    private static final java.util.concurrent.Executor AFTER_SENDING = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final CommandStore store;
    private final DeviceStore devices;
    private final DeviceProfiles profiles;
    private final ContextService context;
    private final Optional<CommandChannel> channel;
    private final List<CommandRoute> routes;
    private final InstantSource clock;

    public CommandService(CommandStore store, DeviceStore devices, DeviceProfiles profiles, ContextService context,
            Optional<CommandChannel> channel, Optional<InstantSource> clock, List<CommandRoute> routes) {
        this.routes = routes;
        this.store = store;
        this.devices = devices;
        this.profiles = profiles;
        this.context = context;
        this.channel = channel;
        this.clock = clock.orElse(InstantSource.system());
    }

    /** Checks, records and sends a command; returns it as recorded (then {@code PENDING}; sending follows). */
    public DeviceCommand issueCommand(TenantId tenant, String deviceId, String command, Optional<Double> value, String issuedBy) {
        Device device = devices.find(tenant, deviceId)
                .orElseThrow(() -> new NotFoundException("no device '" + deviceId + "' in this tenant"));
        DeviceProfile profile = profiles.require(tenant, device.profile());
        DeviceProfile.Command declared = profile.commands().stream().filter(c -> c.name().equals(command)).findFirst()
                .orElseThrow(() -> new InvalidInputException("command", "devices of the profile " + profile.id()
                        + (profile.commands().isEmpty() ? " take no commands" : " take the commands " + profile.commands()
                        .stream().map(DeviceProfile.Command::name).toList()) + "; got '" + command + "'"));
        if (declared.takesValue() != value.isPresent()) {
            throw new InvalidInputException("value", declared.takesValue() ? "the command " + command + " needs a value"
                    : "the command " + command + " takes no value");
        }
        if (value.isPresent() && (!Double.isFinite(value.get()) || declared.min().filter(m -> value.get() < m).isPresent()
                || declared.max().filter(m -> value.get() > m).isPresent())) {
            throw new InvalidInputException("value", "the value of " + command + " is between "
                    + declared.min().orElse(Double.NEGATIVE_INFINITY) + " and " + declared.max().orElse(Double.POSITIVE_INFINITY)
                    + "; got " + value.get());
        }
        Optional<CommandRoute> route = routes.stream().filter(r -> r.reaches(tenant, deviceId)).findFirst();
        route.ifPresent(r -> r.requireDeliverable(tenant, deviceId));
        CommandChannel through = route.isPresent() ? null : channel.orElseThrow(() -> new ConflictException(
                "no MQTT broker is connected to deliver commands"));
        Instant now = clock.instant();
        DeviceCommand c = new DeviceCommand(UUID.randomUUID(), deviceId, command, value, DeviceCommand.Status.PENDING, "",
                issuedBy, now, now.plus(ANSWER_WITHIN), Optional.empty(), Optional.empty());
        store.insert(tenant, c);
        status(tenant, device, profile, c);
        if (route.isPresent()) {
            route.get().deliver(tenant, device, c);
            return c;
        }
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("id", c.id().toString()).put("command", command);
        value.ifPresent(v -> message.put("value", v));
        message.put("expiresAt", c.expiresAt().toString());
        through.send(new DeviceIdentity(tenant, deviceId), message.toString()).whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                log.warn("Command {} to {} not taken by the broker: {}", c.id(), deviceId, failure.toString());
            } else {
                sent(tenant, deviceId, c.id());
            }
        }, AFTER_SENDING);
        return c;
    }

    @Override
    public UUID issue(TenantId tenant, String deviceId, String command, Optional<Double> value, String issuedBy) {
        return issueCommand(tenant, deviceId, command, value, issuedBy).id();
    }

    /** Records that a pending command reached the device (taken by the broker, or collected by the device). */
    public void sent(TenantId tenant, String deviceId, UUID id) {
        synchronized (lock(id)) {
            if (store.sent(tenant, id, clock.instant())) {
                store.find(tenant, deviceId, id).ifPresent(sent -> devices.find(tenant, deviceId).ifPresent(d ->
                        profiles.find(tenant, d.profile()).ifPresent(p -> status(tenant, d, p, sent))));
            }
        }
    }

    /** The device's commands still waiting to reach it, oldest first (for a device that collects its commands). */
    public List<DeviceCommand> pending(TenantId tenant, String deviceId) {
        return store.pending(tenant, deviceId);
    }

    /**
     * A device's answer to its oldest command of that name still waiting for one, where the protocol names the
     * command rather than its id (FIWARE's {@code device@command|result}).
     */
    public Optional<String> answerByName(DeviceIdentity device, String command, DeviceCommand.Status status, String info) {
        Optional<UUID> id = store.waitingByName(device.tenant(), device.deviceId(), command);
        if (id.isEmpty()) {
            return Optional.of("no command " + command + " of this device is waiting for an answer");
        }
        return record(device, id.get(), status, info);
    }

    /**
     * A device's answer on its result topic. Refused with a reason the device can act on if it is not JSON, does
     * not name a command of the device still waiting for an answer, or has no {@code status} of OK or ERROR.
     */
    public Optional<String> answer(DeviceIdentity device, byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            return Optional.of("the answer is not valid JSON");
        }
        if (root == null || !root.isObject() || !root.path("id").isString() || !root.path("status").isString()) {
            return Optional.of("an answer is {\"id\": \"<the command's id>\", \"status\": \"OK\" or \"ERROR\", \"info\": \"…\"}");
        }
        UUID id;
        DeviceCommand.Status status;
        try {
            id = UUID.fromString(root.get("id").asString());
            status = DeviceCommand.Status.valueOf(root.get("status").asString());
        } catch (IllegalArgumentException e) {
            return Optional.of("id is a command's id and status is OK or ERROR");
        }
        if (status != DeviceCommand.Status.OK && status != DeviceCommand.Status.ERROR) {
            return Optional.of("status is OK or ERROR");
        }
        String info = root.path("info").isString() ? root.get("info").asString() : "";
        return record(device, id, status, info);
    }

    private Optional<String> record(DeviceIdentity device, UUID id, DeviceCommand.Status status, String info) {
        synchronized (lock(id)) {
            Optional<DeviceCommand> answered = store.answered(device.tenant(), device.deviceId(), id, status,
                    info.length() > 500 ? info.substring(0, 500) : info, clock.instant());
            if (answered.isEmpty()) {
                return Optional.of("no command " + id + " of this device is waiting for an answer (unknown, answered or expired)");
            }
            devices.find(device.tenant(), device.deviceId()).ifPresent(d -> profiles.find(device.tenant(), d.profile())
                    .ifPresent(p -> status(device.tenant(), d, p, answered.get())));
        }
        return Optional.empty();
    }

    public List<DeviceCommand> commands(TenantId tenant, String deviceId, int limit) {
        return store.ofDevice(tenant, deviceId, limit);
    }

    /** Commands nobody answered in time are expired, every 30 s (each once, whichever node runs it). */
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void scheduledExpiry() {
        expire();
    }

    public int expire() {
        List<CommandStore.Changed> expired = store.expire(clock.instant());
        for (CommandStore.Changed e : expired) {
            synchronized (lock(e.command().id())) {
                devices.find(e.tenant(), e.command().deviceId()).ifPresent(d -> profiles.find(e.tenant(), d.profile())
                        .ifPresent(p -> status(e.tenant(), d, p, e.command())));
            }
        }
        return expired.size();
    }

    /**
     * One command's state changes (in the database, then on the entity) one at a time on this node, so that the
     * entity never ends with an older state than the database (the broker's "sent" racing the device's answer).
     */
    private static final Object[] LOCKS = new Object[64];

    static {
        java.util.Arrays.setAll(LOCKS, i -> new Object());
    }

    private static Object lock(UUID id) {
        return LOCKS[Math.floorMod(id.hashCode(), LOCKS.length)];
    }

    /** Writes the command's state on the device's entity. */
    private void status(TenantId tenant, Device device, DeviceProfile profile, DeviceCommand c) {
        var f = JsonNodeFactory.instance;
        context.upsert(new EntityUpdate(tenant, device.entityId(), profile.targets().get(0).entityType(), Map.of(
                c.command() + "_status", Attribute.property(f.stringNode(c.status().name())),
                c.command() + "_info", Attribute.property(f.stringNode(c.info()))))).join();
    }
}
