package org.saola.devices.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.devices.Device;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.health.ActivityTracker;
import org.saola.devices.store.DeviceStore;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * From a device's message to committed entity attributes: decode and check each reading by the device's
 * profile, map it to the attributes of the entities the profile names, hand them to {@code context}. The returned future completes when every good
 * reading is committed, so the protocol adapter acknowledges only then (the durability contract).
 */
@Service
public class ReadingIngestion {

    /** What became of one message. {@code stored} readings are committed; {@code rejected} ones recorded. */
    public record Outcome(int stored, List<RejectedReading> rejected) {
        public boolean fullyRejected() {
            return stored == 0 && !rejected.isEmpty();
        }

        /**
         * Some readings could not be committed: the sender must send the message again (what was stored is
         * stored once however often it comes). Takes precedence over every other answer.
         */
        public boolean needsResend() {
            return rejected.stream().anyMatch(r -> r.reason() == RejectionReason.NOT_STORED);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ReadingIngestion.class);
    private static final int EXCERPT_CHARS = 200;

    private final ContextService context;
    private final DeviceProfiles profiles;
    private final org.saola.platform.security.RateLimits limits;
    /**
     * One decoder per profile object, by identity (no deep hash of the profile per message); an entry goes when
     * its profile does (a tenant's profile is re-read each minute, see DeviceProfiles).
     */
    private final com.github.benmanes.caffeine.cache.Cache<DeviceProfile, PayloadDecoder> decoders =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().build();
    private final DeviceStore devices;
    /**
     * Devices that published lately, by identity: one database look-up per device every few seconds rather than
     * one per message. What can change meanwhile (a device's register entry, its gateway) does not change how
     * its own readings are stored; its profile is looked up in {@link DeviceProfiles} each time.
     */
    private final com.github.benmanes.caffeine.cache.Cache<DeviceIdentity, Optional<Device>> recent =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(200_000)
                    .expireAfterWrite(Duration.ofSeconds(10)).build();
    private final IngestionMetrics metrics;
    private final InstantSource clock;
    private final ActivityTracker activity;

    public ReadingIngestion(ContextService context, DeviceStore devices, IngestionMetrics metrics,
            Optional<InstantSource> clock, DeviceProfiles profiles, org.saola.platform.security.RateLimits limits,
            ActivityTracker activity) {
        this.activity = activity;
        this.limits = limits;
        this.context = context;
        this.profiles = profiles;
        this.devices = devices;
        this.metrics = metrics;
        this.clock = clock.orElse(InstantSource.system());
    }

    /**
     * Ingests a message a device published on {@code topic}: its own readings topic, or, for a gateway, its
     * gateway topic ({@link #ingestFromGateway}). A topic that is not the publisher's own is refused and recorded
     * against the publisher.
     */
    public CompletableFuture<Outcome> ingest(DeviceIdentity publisher, String topic, byte[] payload) {
        Instant receivedAt = clock.instant();
        if (topic.equals(publisher.gatewayTopic())) {
            return ingestFromGateway(publisher, payload);
        }
        Optional<DeviceIdentity> target = DeviceIdentity.fromTopic(topic);
        if (target.isEmpty() || !target.get().equals(publisher)) {
            RejectedReading r = new RejectedReading(RejectionReason.FORBIDDEN_TOPIC,
                    "device " + publisher.username() + " may publish only to " + publisher.topic() + ", not to " + topic);
            record(publisher, receivedAt, List.of(r), payload);
            return CompletableFuture.completedFuture(new Outcome(0, List.of(r)));
        }
        Optional<Device> device = recent.get(publisher, p -> devices.find(p.tenant(), p.deviceId()));
        if (device.isEmpty()) {
            RejectedReading r = new RejectedReading(RejectionReason.FORBIDDEN_TOPIC,
                    "device " + publisher.username() + " is no longer registered");
            metrics.rejected(r.reason());
            return CompletableFuture.completedFuture(new Outcome(0, List.of(r)));
        }
        return ingest(device.get(), receivedAt, decoder -> decoder.decode(payload, receivedAt), () -> payload);
    }

    /** The largest gateway message: many devices' readings (the broker's packet limit is 256 KiB). */
    public static final int MAX_GATEWAY_PAYLOAD_BYTES = 256 * 1024;
    /** The most devices one gateway message speaks for. */
    public static final int MAX_DEVICES_PER_GATEWAY_MESSAGE = 1000;

    /**
     * Ingests a gateway's message: a JSON object whose keys are the ids of devices registered behind the gateway
     * and whose values are what each device would send itself (a reading, or an array of them). Each device's
     * part is judged by that device's profile and recorded against that device; a part for a device that is not
     * behind this gateway is refused ({@link RejectionReason#NOT_BEHIND_GATEWAY}) and the others are stored.
     *
     * <pre>{"bin-17": {"fillPercent": 62}, "bin-18": [{"fillPercent": 40, "dateObserved": "…"}, …]}</pre>
     */
    public CompletableFuture<Outcome> ingestFromGateway(DeviceIdentity gateway, byte[] payload) {
        Instant receivedAt = clock.instant();
        JsonNode root;
        try {
            root = PayloadDecoder.json(payload, MAX_GATEWAY_PAYLOAD_BYTES);
        } catch (PayloadDecoder.Refused e) {
            return CompletableFuture.completedFuture(refuse(gateway, new RejectedReading(e.reason, e.getMessage()), payload));
        }
        if (root == null || !root.isObject() || root.isEmpty() || root.size() > MAX_DEVICES_PER_GATEWAY_MESSAGE) {
            return CompletableFuture.completedFuture(refuse(gateway, new RejectedReading(RejectionReason.MALFORMED_PAYLOAD,
                    "a gateway message is a JSON object of 1-" + MAX_DEVICES_PER_GATEWAY_MESSAGE
                            + " device ids, each with its reading or array of readings"), payload));
        }
        List<RejectedReading> refused = new ArrayList<>();
        List<CompletableFuture<Outcome>> parts = new ArrayList<>();
        // The devices behind the gateway, in one query rather than one per part.
        Map<String, Device> children = devices.findAll(gateway.tenant(),
                root.propertyNames().stream().filter(DeviceIdentity::isValidId).toList());
        for (Map.Entry<String, JsonNode> part : root.properties()) {
            String childId = part.getKey();
            Optional<Device> child = Optional.ofNullable(children.get(childId));
            if (child.isEmpty() || !child.get().gateway().equals(Optional.of(gateway.deviceId()))) {
                refused.add(new RejectedReading(RejectionReason.NOT_BEHIND_GATEWAY, "device " + childId
                        + ": not registered behind gateway " + gateway.deviceId()));
                continue;
            }
            JsonNode readings = part.getValue();
            parts.add(ingest(child.get(), receivedAt, decoder -> decoder.decode(readings, receivedAt),
                    () -> readings.toString().getBytes(StandardCharsets.UTF_8))
                    .thenApply(o -> new Outcome(o.stored(), o.rejected().stream()
                            .map(r -> new RejectedReading(r.reason(), "device " + childId + ": " + r.detail())).toList())));
        }
        record(gateway, receivedAt, refused, payload);
        activity.heard(gateway.tenant(), gateway.deviceId(), receivedAt);
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            int stored = 0;
            List<RejectedReading> all = new ArrayList<>(refused);
            for (CompletableFuture<Outcome> p : parts) {
                stored += p.join().stored();
                all.addAll(p.join().rejected());
            }
            return new Outcome(stored, all);
        });
    }

    /**
     * Ingests a registered device's readings that arrived in another format (FIWARE UltraLight or IoT Agent JSON),
     * once put in the JSON a device of its profile sends: one reading or an array of them. {@code original} is
     * what the device sent, for the examples of refusals.
     */
    public CompletableFuture<Outcome> ingestTranslated(Device device, JsonNode readings, byte[] original) {
        Instant receivedAt = clock.instant();
        return ingest(device, receivedAt, decoder -> decoder.decode(readings, receivedAt), () -> original);
    }

    /** Decodes a device's readings by its profile and stores the good ones; {@code payload} only for excerpts. */
    private CompletableFuture<Outcome> ingest(Device device, Instant receivedAt,
            java.util.function.Function<PayloadDecoder, PayloadDecoder.Decoded> decode, java.util.function.Supplier<byte[]> payload) {
        DeviceIdentity publisher = new DeviceIdentity(device.tenant(), device.id());
        Optional<DeviceProfile> profile = profiles.find(publisher.tenant(), device.profile());
        if (profile.isEmpty()) {
            RejectedReading r = new RejectedReading(RejectionReason.OUT_OF_SCHEMA,
                    "the device's profile '" + device.profile() + "' no longer exists in this tenant");
            record(publisher, receivedAt, List.of(r), payload.get());
            return CompletableFuture.completedFuture(new Outcome(0, List.of(r)));
        }
        PayloadDecoder decoder = decoders.get(profile.get(), PayloadDecoder::new);
        PayloadDecoder.Decoded decoded = decode.apply(decoder);
        metrics.received(decoded.readings().size() + decoded.rejected().size());
        List<RejectedReading> rejected = new ArrayList<>(decoded.rejected());
        if (!decoded.rejected().isEmpty()) {
            record(publisher, receivedAt, decoded.rejected(), payload.get());
        }
        if (decoded.readings().isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome(0, rejected));
        }
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        for (Reading reading : decoded.readings()) {
            for (EntityUpdate update : toEntityUpdates(device, profile.get(), reading)) {
                commits.add(context.observe(update));
            }
        }
        int good = decoded.readings().size();
        return CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new))
                .handle((ok, failure) -> {
                    if (failure != null) {
                        log.warn("Readings of device {} not stored: {}", publisher.username(), failure.toString());
                        RejectedReading r = new RejectedReading(RejectionReason.NOT_STORED,
                                "the platform could not store the readings right now; send them again");
                        metrics.rejected(r.reason());
                        List<RejectedReading> all = new ArrayList<>(rejected);
                        all.add(r);
                        return new Outcome(0, all);
                    }
                    metrics.stored(good);
                    activity.stored(publisher.tenant(), publisher.deviceId(), receivedAt, decoded.readings());
                    metrics.latency(Duration.between(receivedAt, clock.instant()));
                    return new Outcome(good, rejected);
                });
    }

    /** Refuses a whole message for a reason found before decoding (a replayed frame), recorded like any refusal. */
    public Outcome refuse(DeviceIdentity device, RejectedReading why, byte[] payload) {
        record(device, clock.instant(), List.of(why), payload);
        return new Outcome(0, List.of(why));
    }

    /**
     * Maps a reading to the attributes of each entity it concerns: every value a Property observed at the
     * reading's time, with its unit code, and the entity's {@code dateObserved} (observed then too, so that a
     * late reading moves it no more than the values).
     */
    static List<EntityUpdate> toEntityUpdates(Device device, DeviceProfile profile, Reading reading) {
        var f = JsonNodeFactory.instance;
        Map<Integer, Map<String, Attribute>> byTarget = new java.util.TreeMap<>();
        for (Reading.Value v : reading.values()) {
            byTarget.computeIfAbsent(v.target(), t -> new HashMap<>()).put(v.measurement().attribute(),
                    Attribute.property(v.value(), reading.observedAt(), v.measurement().unitCode().orElse(null)));
        }
        List<EntityUpdate> out = new ArrayList<>();
        byTarget.forEach((t, attrs) -> {
            attrs.put("dateObserved", Attribute.property(f.objectNode().put("@type", "DateTime")
                    .put("@value", reading.observedAt().toString()), reading.observedAt(), null));
            DeviceProfile.Target target = profile.targets().get(t);
            out.add(new EntityUpdate(device.tenant(), target.entityId(device.id()), target.entityType(), attrs));
        });
        return out;
    }

    /**
     * Counts each refusal against the device and keeps it as an example only within the device's budget of
     * example rows ({@code saola.rate-limits.rejection-records-per-minute}): a device sending garbage all day
     * costs a counter and a hundred rows, not a row per message.
     */
    private void record(DeviceIdentity device, Instant at, List<RejectedReading> rejected, byte[] payload) {
        if (rejected.isEmpty()) {
            return;
        }
        String excerpt = null;
        Map<RejectionReason, Long> counts = new java.util.EnumMap<>(RejectionReason.class);
        for (RejectedReading r : rejected) {
            counts.merge(r.reason(), 1L, Long::sum);
        }
        counts.forEach((reason, n) -> devices.countRejections(device.tenant(), device.deviceId(), at, reason, n));
        for (RejectedReading r : rejected) {
            metrics.rejected(r.reason());
            activity.refused(device.tenant(), device.deviceId(), at, r.reason());
            if (limits.recordRejection(device.username())) {
                excerpt = excerpt == null ? excerpt(payload) : excerpt;
                devices.recordRejection(device.tenant(), device.deviceId(), at, r.reason(), r.detail(), excerpt);
            }
        }
    }

    private static String excerpt(byte[] payload) {
        String s = new String(payload, 0, Math.min(payload.length, EXCERPT_CHARS * 4), StandardCharsets.UTF_8);
        s = s.replaceAll("\\p{Cntrl}", " ");
        return s.length() > EXCERPT_CHARS ? s.substring(0, EXCERPT_CHARS) + "…" : s;
    }
}
