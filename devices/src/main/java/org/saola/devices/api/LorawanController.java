package org.saola.devices.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.domain.IngestionMetrics;
import org.saola.devices.domain.LorawanIngestion;
import org.saola.devices.mqtt.MqttProperties;
import org.saola.devices.store.LorawanStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RateLimits;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * LoRaWAN network servers deliver their devices' uplinks here, with an API key that has {@code READINGS_INGEST}
 * (a device manager's): ChirpStack v4's HTTP integration ({@code POST /api/v1/lorawan/chirpstack?event=up})
 * and The Things Stack v3's webhooks ({@code POST /api/v1/lorawan/things-stack}). Devices are found by DevEUI
 * ({@code PUT /api/v1/devices/{id}/lorawan}); the network server's codec must output the fields of the device's
 * profile. Events other than uplinks and joins are acknowledged and ignored, as a network server sends them all.
 */
@RestController
class LorawanController {

    /** A device's LoRaWAN identity, and the last frame counter accepted from it (null in a new session). */
    record LorawanView(String devEui, Long lastFrameCounter) {
        static LorawanView of(LorawanStore.Binding b) {
            return new LorawanView(b.devEui(), b.lastFrameCounter().orElse(null));
        }
    }

    record Bind(String devEui) {
    }

    private final LorawanIngestion lorawan;
    private final RateLimits limits;
    private final IngestionMetrics metrics;
    private final MqttProperties properties;
    private final AuditLog audit;

    LorawanController(LorawanIngestion lorawan, RateLimits limits, IngestionMetrics metrics, MqttProperties properties,
            AuditLog audit) {
        this.lorawan = lorawan;
        this.limits = limits;
        this.metrics = metrics;
        this.properties = properties;
        this.audit = audit;
    }

    @PutMapping(path = "/api/v1/devices/{id}/lorawan", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.DEVICES_REGISTER)
    LorawanView bind(@PathVariable String id, @RequestBody Bind body) {
        TenantId tenant = CurrentCaller.tenant();
        lorawan.bind(tenant, id, LorawanIngestion.devEui("devEui", body == null ? null : body.devEui()));
        audit.record(tenant, "DEVICE_LORAWAN_BOUND", id, "", Map.of());
        return LorawanView.of(lorawan.binding(tenant, id).orElseThrow());
    }

    @GetMapping("/api/v1/devices/{id}/lorawan")
    @RequiresPermission(Permission.DEVICES_READ)
    LorawanView binding(@PathVariable String id) {
        return lorawan.binding(CurrentCaller.tenant(), id).map(LorawanView::of)
                .orElseThrow(() -> new NotFoundException("device '" + id + "' has no DevEUI in this tenant"));
    }

    @DeleteMapping("/api/v1/devices/{id}/lorawan")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<Void> unbind(@PathVariable String id) {
        lorawan.unbind(CurrentCaller.tenant(), id);
        audit.record(CurrentCaller.tenant(), "DEVICE_LORAWAN_UNBOUND", id, "", Map.of());
        return ResponseEntity.noContent().build();
    }

    /** ChirpStack v4's HTTP integration: every event to one URL, its kind in {@code ?event=}. */
    @PostMapping(path = "/api/v1/lorawan/chirpstack", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.READINGS_INGEST)
    ResponseEntity<?> chirpstack(@RequestParam Optional<String> event, @RequestBody JsonNode body) throws InterruptedException {
        String kind = event.orElseThrow(() -> new InvalidInputException("event",
                "event is required: ChirpStack's HTTP integration posts to ?event=up, ?event=join, …"));
        object(body, "the body");
        if (!kind.equals("up") && !kind.equals("join")) {
            return ResponseEntity.noContent().build();
        }
        String devEui = LorawanIngestion.devEui("deviceInfo.devEui", text(body.at("/deviceInfo/devEui"), "deviceInfo.devEui"));
        if (kind.equals("join")) {
            lorawan.joined(CurrentCaller.tenant(), devEui);
            return ResponseEntity.noContent().build();
        }
        return uplink(new LorawanIngestion.Uplink(devEui, frameCounter(body.get("fCnt"), "fCnt"), time(body.get("time"), "time"),
                decoded(body.get("object"), "object", "a codec in the device profile")));
    }

    /** The Things Stack v3's webhooks: the message's kind is the key it carries. */
    @PostMapping(path = "/api/v1/lorawan/things-stack", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.READINGS_INGEST)
    ResponseEntity<?> thingsStack(@RequestBody JsonNode body) throws InterruptedException {
        object(body, "the body");
        boolean join = body.has("join_accept");
        JsonNode up = body.get("uplink_message");
        if (!join && up == null) {
            return ResponseEntity.noContent().build();
        }
        String devEui = LorawanIngestion.devEui("end_device_ids.dev_eui",
                text(body.at("/end_device_ids/dev_eui"), "end_device_ids.dev_eui"));
        if (join) {
            lorawan.joined(CurrentCaller.tenant(), devEui);
            return ResponseEntity.noContent().build();
        }
        object(up, "uplink_message");
        Optional<Instant> at = time(body.get("received_at"), "received_at").or(() -> time(up.get("received_at"), "uplink_message.received_at"));
        return uplink(new LorawanIngestion.Uplink(devEui, frameCounter(up.get("f_cnt"), "uplink_message.f_cnt"), at,
                decoded(up.get("decoded_payload"), "uplink_message.decoded_payload", "a payload formatter for the device")));
    }

    private ResponseEntity<?> uplink(LorawanIngestion.Uplink uplink) throws InterruptedException {
        TenantId tenant = CurrentCaller.tenant();
        DeviceIdentity device = lorawan.device(tenant, uplink.devEui());
        var tooMany = IngestAnswers.rateLimited(limits, metrics, device);
        if (tooMany.isPresent()) {
            return tooMany.get();
        }
        return IngestAnswers.answer(lorawan.uplink(tenant, uplink), properties.ackTimeout(), metrics);
    }

    private static void object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(what.equals("the body") ? "body" : what, what + " must be a JSON object");
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (!node.isString()) {
            throw new InvalidInputException(field, field + " must be a string");
        }
        return node.asString();
    }

    /** A frame counter; network servers leave out a zero (protobuf JSON omits default values). */
    private static long frameCounter(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > 0xFFFFFFFFL) {
            throw new InvalidInputException(field, field + " must be a frame counter: a whole number from 0 to 4294967295");
        }
        return node.asLong();
    }

    private static Optional<Instant> time(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(text(node, field)).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an RFC 3339 time such as 2026-11-30T08:00:00.123Z");
        }
    }

    private static ObjectNode decoded(JsonNode node, String field, String fix) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException(field, "the uplink has no decoded payload (" + field + "): give the device "
                    + fix + " in the network server, whose output has the fields of the device's Saola profile");
        }
        if (!node.isObject()) {
            throw new InvalidInputException(field, field + " must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
