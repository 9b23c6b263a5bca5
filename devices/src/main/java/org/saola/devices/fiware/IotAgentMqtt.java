package org.saola.devices.fiware;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.domain.ReadingIngestion;
import org.saola.devices.domain.RejectedReading;
import org.saola.devices.domain.RejectionReason;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * FIWARE devices on MQTT, with the topics of the IoT Agents: measures on {@code /ul/<apikey>/<id>/attrs},
 * {@code /json/<apikey>/<id>/attrs} or {@code /<apikey>/<id>/attrs} (the device's protocol decides), one attribute on
 * {@code …/attrs/<attr>}, command results on {@code …/cmdexe}; commands go to {@code /<apikey>/<id>/cmd}
 * ({@link IotAgentCommands}). On Saola's embedded broker the device connects with its own Saola credentials and
 * may use only its own topics.
 */
@Service
public class IotAgentMqtt {

    /** A FIWARE topic: protocol prefix ({@code ul}, {@code json}) if any, API key, device, and what it carries. */
    public record Topic(Optional<String> protocol, String apikey, String deviceId, boolean results, Optional<String> attribute) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IotAgentMeasures measures;
    private final IotAgentCommands commands;
    private final IotAgentStore store;
    private final ReadingIngestion ingestion;

    public IotAgentMqtt(IotAgentMeasures measures, IotAgentCommands commands, IotAgentStore store, ReadingIngestion ingestion) {
        this.measures = measures;
        this.commands = commands;
        this.store = store;
        this.ingestion = ingestion;
    }

    /** Whether a topic is in FIWARE's scheme (it starts with {@code /}), so this class answers it. */
    public static boolean isFiwareTopic(String topic) {
        return topic.startsWith("/");
    }

    public static Optional<Topic> parse(String topic) {
        String[] l = topic.split("/", -1);
        if (l.length < 4 || !l[0].isEmpty()) {
            return Optional.empty();
        }
        int at = 1;
        Optional<String> protocol = Optional.empty();
        if ((l[1].equals("ul") || l[1].equals("json")) && l.length >= 5) {
            protocol = Optional.of(l[1]);
            at = 2;
        }
        if (l.length - at < 3 || l[at].isEmpty() || l[at + 1].isEmpty()) {
            return Optional.empty();
        }
        String kind = l[at + 2];
        int rest = l.length - at - 3;
        if (kind.equals("attrs") && rest == 0) {
            return Optional.of(new Topic(protocol, l[at], l[at + 1], false, Optional.empty()));
        }
        if (kind.equals("attrs") && rest == 1 && !l[at + 3].isEmpty()) {
            return Optional.of(new Topic(protocol, l[at], l[at + 1], false, Optional.of(l[at + 3])));
        }
        if (kind.equals("cmdexe") && rest == 0) {
            return Optional.of(new Topic(protocol, l[at], l[at + 1], true, Optional.empty()));
        }
        return Optional.empty();
    }

    /** The topic the device's commands are published on, if it is a FIWARE device with a group API key. */
    public Optional<String> commandTopic(DeviceIdentity device) {
        return store.device(device.tenant(), device.deviceId()).flatMap(IotAgentStore.StoredDevice::apikey)
                .map(k -> "/" + k + "/" + device.deviceId() + "/cmd");
    }

    /**
     * A message a device published on a FIWARE topic of the embedded broker: refused, and recorded against the
     * publisher, unless the topic names the publisher under its own group's API key.
     */
    public CompletableFuture<ReadingIngestion.Outcome> fromDevice(DeviceIdentity publisher, String topic, byte[] payload) {
        Optional<Topic> t = parse(topic);
        if (t.isEmpty()) {
            return refuse(publisher, RejectionReason.FORBIDDEN_TOPIC, "'" + topic + "' is not a FIWARE topic such as /ul/"
                    + "<apikey>/" + publisher.deviceId() + "/attrs", payload);
        }
        IotAgentMeasures.Found f;
        try {
            f = measures.find("mqtt", t.get().apikey(), t.get().deviceId());
        } catch (IotAgentError e) {
            return refuse(publisher, RejectionReason.FORBIDDEN_TOPIC, e.getMessage(), payload);
        }
        if (!f.identity().equals(publisher)) {
            return refuse(publisher, RejectionReason.FORBIDDEN_TOPIC, "device " + publisher.username()
                    + " may publish only under its own id and its group's API key, not to " + topic, payload);
        }
        return handle(f, t.get(), payload);
    }

    /** The topics a node subscribes to on a city's external broker, which authenticates the devices itself. */
    public static final List<String> EXTERNAL_FILTERS = List.of("/+/+/attrs", "/+/+/attrs/+", "/+/+/cmdexe",
            "/ul/+/+/attrs", "/ul/+/+/attrs/+", "/ul/+/+/cmdexe", "/json/+/+/attrs", "/json/+/+/attrs/+", "/json/+/+/cmdexe");

    /**
     * A message from a city's external broker, which authenticated the device and let it publish there (the
     * broker's ACL must keep each device to its own topics, as with an IoT Agent): the topic names the device.
     */
    public CompletableFuture<ReadingIngestion.Outcome> fromBroker(String topic, byte[] payload) {
        Optional<Topic> t = parse(topic);
        IotAgentMeasures.Found f;
        try {
            f = measures.find("mqtt", t.orElseThrow(() -> new IotAgentError(404, "DEVICE_NOT_FOUND", "not a FIWARE topic"))
                    .apikey(), t.get().deviceId());
        } catch (IotAgentError e) {
            return CompletableFuture.completedFuture(new ReadingIngestion.Outcome(0, List.of(new RejectedReading(
                    RejectionReason.FORBIDDEN_TOPIC, e.getMessage()))));
        }
        return handle(f, t.get(), payload);
    }

    private CompletableFuture<ReadingIngestion.Outcome> handle(IotAgentMeasures.Found f, Topic t, byte[] payload) {
        boolean json = t.protocol().map("json"::equals).orElse(f.json());
        String text = new String(payload, StandardCharsets.UTF_8);
        if (t.results()) {
            Optional<String> refused = json ? jsonResults(f, text) : UltraLight.commandLine(text)
                    .filter(c -> c.deviceId().equals(f.device().id()))
                    .map(c -> commands.result(f, c.command(), c.value()))
                    .orElse(Optional.of("a command result is <device id>@<command>|<result>"));
            return refused.isPresent() ? refuse(f.identity(), RejectionReason.MALFORMED_PAYLOAD, refused.get(), payload)
                    : CompletableFuture.completedFuture(new ReadingIngestion.Outcome(0, List.of()));
        }
        if (t.attribute().isPresent()) {
            String attr = t.attribute().get();
            if (!json) {
                return measures.ultraLight(f, attr + "|" + text.strip(), Optional.empty());
            }
            JsonNode value;
            try {
                value = JSON.readTree(text);
            } catch (JacksonException e) {
                value = JsonNodeFactory.instance.stringNode(text.strip());
            }
            return measures.json(f, JsonNodeFactory.instance.objectNode().set(attr, value), Optional.empty());
        }
        if (!json) {
            return measures.ultraLight(f, text, Optional.empty());
        }
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (JacksonException e) {
            return refuse(f.identity(), RejectionReason.MALFORMED_PAYLOAD, "the measures are not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), payload);
        }
        return measures.json(f, body, Optional.empty());
    }

    private Optional<String> jsonResults(IotAgentMeasures.Found f, String text) {
        JsonNode results;
        try {
            results = JSON.readTree(text);
        } catch (JacksonException e) {
            results = null;
        }
        if (results == null || !results.isObject() || results.isEmpty()) {
            return Optional.of("command results are {\"<command>\": <result>}");
        }
        for (var e : results.properties()) {
            Optional<String> why = commands.result(f, e.getKey(), e.getValue().isString() ? e.getValue().asString()
                    : e.getValue().toString());
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private CompletableFuture<ReadingIngestion.Outcome> refuse(DeviceIdentity device, RejectionReason reason, String detail,
            byte[] payload) {
        return CompletableFuture.completedFuture(ingestion.refuse(device, new RejectedReading(reason, detail), payload));
    }
}
