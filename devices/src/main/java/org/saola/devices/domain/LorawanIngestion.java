package org.saola.devices.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.saola.devices.Device;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.devices.store.DeviceStore;
import org.saola.devices.store.LorawanStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * Readings that reach Saola through a LoRaWAN network server (ChirpStack, The Things Stack): the device is found
 * by its DevEUI, the uplink's frame counter must be above the last one accepted from it (a replay or a duplicate
 * delivery is dropped and recorded as {@link RejectionReason#REPLAYED}), and the decoded payload then goes
 * through the same pipeline as MQTT and HTTP, observed at the network server's reception time unless it carries
 * its own.
 */
@Service
public class LorawanIngestion {

    /** An uplink as every network server describes it. {@code decoded} is the codec's output. */
    public record Uplink(String devEui, long frameCounter, Optional<Instant> receivedAt, ObjectNode decoded) {
    }

    private static final Pattern DEV_EUI = Pattern.compile("[0-9A-F]{16}");
    private static final java.util.concurrent.Executor RESTORES = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final LorawanStore store;
    private final DeviceStore devices;
    private final DeviceProfiles profiles;
    private final ReadingIngestion ingestion;

    public LorawanIngestion(LorawanStore store, DeviceStore devices, DeviceProfiles profiles, ReadingIngestion ingestion) {
        this.store = store;
        this.devices = devices;
        this.profiles = profiles;
        this.ingestion = ingestion;
    }

    /** A DevEUI as stored: 16 hex digits, upper case; {@code field} names it in the error otherwise. */
    public static String devEui(String field, String text) {
        String eui = text == null ? "" : text.strip().replace("-", "").replace(":", "").toUpperCase(Locale.ROOT);
        if (!DEV_EUI.matcher(eui).matches()) {
            throw new InvalidInputException(field, field + " must be a DevEUI: 16 hexadecimal digits such as "
                    + "70B3D57ED005A1B2; got '" + text + "'");
        }
        return eui;
    }

    /** Gives a registered device its DevEUI (again), starting a new frame-counter session. */
    public void bind(TenantId tenant, String deviceId, String devEui) {
        devices.find(tenant, deviceId).orElseThrow(() -> new NotFoundException("no device '" + deviceId + "' in this tenant"));
        if (!store.bind(tenant, deviceId, devEui)) {
            throw new ConflictException("another device of this tenant has the DevEUI " + devEui);
        }
    }

    public Optional<LorawanStore.Binding> binding(TenantId tenant, String deviceId) {
        return store.ofDevice(tenant, deviceId);
    }

    public void unbind(TenantId tenant, String deviceId) {
        if (!store.unbind(tenant, deviceId)) {
            throw new NotFoundException("device '" + deviceId + "' has no DevEUI in this tenant");
        }
    }

    /** The device joined the network again (OTAA): its frame counter restarts from 0. */
    public void joined(TenantId tenant, String devEui) {
        if (!store.resetFrames(tenant, devEui)) {
            throw unknown(devEui);
        }
    }

    /** The device of this DevEUI, for the adapter's rate limit; not found if none has it. */
    public DeviceIdentity device(TenantId tenant, String devEui) {
        return store.deviceOf(tenant, devEui).map(id -> new DeviceIdentity(tenant, id)).orElseThrow(() -> unknown(devEui));
    }

    /**
     * Checks the frame counter, then ingests the decoded payload. Should the readings not be stored, the counter
     * goes back, so the network server's retry of the same uplink is not taken for a replay.
     */
    public CompletableFuture<ReadingIngestion.Outcome> uplink(TenantId tenant, Uplink u) {
        LorawanStore.FrameCheck check = store.acceptFrame(tenant, u.devEui(), u.frameCounter()).orElseThrow(() -> unknown(u.devEui()));
        DeviceIdentity device = new DeviceIdentity(tenant, check.deviceId());
        ObjectNode reading = u.decoded().deepCopy();
        String timestampField = devices.find(tenant, check.deviceId()).map(Device::profile)
                .flatMap(p -> profiles.find(tenant, p)).map(p -> p.timestampField()).orElse("dateObserved");
        if (!reading.has(timestampField)) {
            u.receivedAt().ifPresent(t -> reading.put(timestampField, t.toString()));
        }
        byte[] payload = reading.toString().getBytes(StandardCharsets.UTF_8);
        if (!check.accepted()) {
            return CompletableFuture.completedFuture(ingestion.refuse(device, new RejectedReading(RejectionReason.REPLAYED,
                    "frame counter " + u.frameCounter() + " is not above the last one accepted from this device ("
                            + check.previous().orElseThrow() + "): a replay or a duplicate delivery, dropped"), payload));
        }
        // Off the context writer's thread (the restore is a database call), and before the caller hears the answer,
        // so that the network server's retry finds the counter put back.
        return ingestion.ingest(device, device.topic(), payload).handleAsync((outcome, failure) -> {
            if (failure != null || outcome.needsResend()) {
                store.restoreFrame(tenant, u.devEui(), u.frameCounter(), check.previous());
            }
            if (failure != null) {
                throw new java.util.concurrent.CompletionException(failure);
            }
            return outcome;
        }, RESTORES);
    }

    private static NotFoundException unknown(String devEui) {
        return new NotFoundException("no device of this tenant has the DevEUI " + devEui
                + "; give it to the device with PUT /api/v1/devices/{id}/lorawan");
    }
}
