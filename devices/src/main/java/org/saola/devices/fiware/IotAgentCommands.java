package org.saola.devices.fiware;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.saola.devices.Device;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.domain.CommandChannel;
import org.saola.devices.domain.CommandRoute;
import org.saola.devices.domain.CommandService;
import org.saola.devices.domain.DeviceCommand;
import org.saola.devices.fiware.IotAgentStore.StoredDevice;
import org.saola.platform.ConflictException;
import org.saola.platform.TenantId;
import org.saola.platform.outbound.OutboundHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commands to FIWARE devices, as their IoT Agent would send them. UltraLight: {@code <device>@<command>|<value>};
 * IoT Agent JSON: {@code {"<command>": <value>}}. A device on MQTT gets them on {@code /<apikey>/<device>/cmd} and
 * answers on {@code /ul/<apikey>/<device>/cmdexe} (or {@code /json/…}); an HTTP device with an {@code endpoint} is
 * sent them by POST there (through the platform's outbound policy) and answers in the response; an HTTP device
 * without one collects them with {@code getCmd=1} and sends the result as a measure. Each state lands on the
 * entity as {@code <command>_status} and {@code <command>_info}, through {@link CommandService}.
 */
@Service
public class IotAgentCommands implements CommandRoute {

    private static final Logger log = LoggerFactory.getLogger(IotAgentCommands.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Executor PUSHING = Executors.newVirtualThreadPerTaskExecutor();

    private final IotAgentStore store;
    private final ObjectProvider<CommandService> commands;
    /** The broker, looked up when needed: with an external broker it is the ingestion client, which needs this class. */
    private final ObjectProvider<CommandChannel> broker;
    private final OutboundHttp http;

    public IotAgentCommands(IotAgentStore store, ObjectProvider<CommandService> commands, ObjectProvider<CommandChannel> broker,
            OutboundHttp http) {
        this.store = store;
        this.commands = commands;
        this.broker = broker;
        this.http = http;
    }

    @Override
    public boolean reaches(TenantId tenant, String deviceId) {
        return store.device(tenant, deviceId).isPresent();
    }

    @Override
    public void requireDeliverable(TenantId tenant, String deviceId) {
        StoredDevice d = store.device(tenant, deviceId).orElseThrow();
        if (mqtt(d) && (broker.getIfAvailable() == null || d.apikey().isEmpty())) {
            throw new ConflictException(broker.getIfAvailable() == null ? "no MQTT broker is connected to deliver commands"
                    : "the device has no group API key, so no command topic; give it an apikey");
        }
    }

    @Override
    public void deliver(TenantId tenant, Device device, DeviceCommand c) {
        StoredDevice d = store.device(tenant, device.id()).orElseThrow();
        String value = c.value().map(IotAgentCommands::plain).orElse("");
        boolean json = d.protocol().toUpperCase(java.util.Locale.ROOT).contains("JSON");
        byte[] payload = (json ? jsonCommand(c) : UltraLight.command(device.id(), c.command(), value))
                .getBytes(StandardCharsets.UTF_8);
        if (mqtt(d)) {
            broker.getObject().publish("/" + d.apikey().orElseThrow() + "/" + device.id() + "/cmd", payload)
                    .whenCompleteAsync((ok, failure) -> {
                        if (failure == null) {
                            commands.getObject().sent(tenant, device.id(), c.id());
                        } else {
                            log.warn("Command {} to {} not taken by the broker: {}", c.id(), device.id(), failure.toString());
                        }
                    }, PUSHING);
            return;
        }
        Optional<String> endpoint = endpoint(d);
        if (endpoint.isEmpty()) {
            return;                 // collected by the device with getCmd=1
        }
        URI uri = URI.create(endpoint.get());          // checked when the device was provisioned
        PUSHING.execute(() -> push(tenant, device, d, c, uri, payload, json));
    }

    /** POSTs the command to the device's endpoint; the answer's body is the result ({@code dev@cmd|result}). */
    private void push(TenantId tenant, Device device, StoredDevice d, DeviceCommand c, URI endpoint, byte[] payload,
            boolean json) {
        DeviceIdentity identity = new DeviceIdentity(tenant, device.id());
        try {
            OutboundHttp.Response r = http.post(Optional.of(tenant), endpoint, Map.of("fiware-service",
                    d.scope().service(), "fiware-servicepath", d.scope().subservice()), payload,
                    json ? "application/json" : "text/plain");
            commands.getObject().sent(tenant, device.id(), c.id());
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (r.status() == 200 || r.status() == 201) {
                String info = json ? jsonResult(body, c.command()) : UltraLight.commandLine(body).map(UltraLight.CommandLine::value)
                        .orElse(body.strip());
                commands.getObject().answerByName(identity, c.command(), DeviceCommand.Status.OK, info);
            } else {
                commands.getObject().answerByName(identity, c.command(), DeviceCommand.Status.ERROR,
                        "the device answered HTTP " + r.status());
            }
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("Command {} to {} at {} not delivered: {}", c.id(), device.id(), OutboundHttp.redacted(endpoint),
                    e.toString());
            commands.getObject().answerByName(identity, c.command(), DeviceCommand.Status.ERROR,
                    "not delivered: " + e.getMessage());
        }
    }

    /** An UltraLight device's pending commands, marked delivered: {@code dev@cmd|val}, joined as an IoT Agent joins them. */
    public String collectUltraLight(IotAgentMeasures.Found f) {
        StringBuilder out = new StringBuilder();
        for (DeviceCommand c : collect(f)) {
            out.append(out.isEmpty() ? "" : "|").append(UltraLight.command(f.device().id(), c.command(),
                    c.value().map(IotAgentCommands::plain).orElse("")));
        }
        return out.toString();
    }

    /** A JSON device's pending commands, marked delivered: {@code {"cmd": value, …}}. */
    public ObjectNode collectJson(IotAgentMeasures.Found f) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (DeviceCommand c : collect(f)) {
            if (c.value().isPresent()) {
                out.put(c.command(), c.value().get());
            } else {
                out.put(c.command(), "");
            }
        }
        return out;
    }

    private List<DeviceCommand> collect(IotAgentMeasures.Found f) {
        CommandService service = commands.getObject();
        List<DeviceCommand> pending = service.pending(f.device().tenant(), f.device().id());
        pending.forEach(c -> service.sent(f.device().tenant(), f.device().id(), c.id()));
        return pending;
    }

    /** A device's result for a command: OK with the result as its info. */
    public Optional<String> result(IotAgentMeasures.Found f, String command, String result) {
        return commands.getObject().answerByName(f.identity(), command, DeviceCommand.Status.OK,
                result.length() > 500 ? result.substring(0, 500) : result);
    }

    private static boolean mqtt(StoredDevice d) {
        return d.transport().equalsIgnoreCase("MQTT");
    }

    private static Optional<String> endpoint(StoredDevice d) {
        JsonNode doc = JSON.readTree(d.document());
        return Optional.ofNullable(doc.path("endpoint").asString(null)).filter(s -> !s.isBlank());
    }

    private static String jsonCommand(DeviceCommand c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (c.value().isPresent()) {
            o.put(c.command(), c.value().get());
        } else {
            o.put(c.command(), "");
        }
        return o.toString();
    }

    private static String jsonResult(String body, String command) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode v = n == null ? null : n.get(command);
            return v == null ? body.strip() : v.isString() ? v.asString() : v.toString();
        } catch (tools.jackson.core.JacksonException e) {
            return body.strip();
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
