package org.saola.devices.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.devices.Device;
import org.saola.devices.DeviceCredentials;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.DeviceRegistry;
import org.saola.devices.DeviceRejection;
import org.saola.devices.NewDevice;
import org.saola.devices.Stewardship;
import org.saola.platform.security.Departments;
import org.saola.devices.store.DeviceStore;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import org.saola.platform.ConflictException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.RateLimits;
import org.saola.platform.security.Secrets;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.JsonNodeFactory;

@Service
public class DeviceRegistryService implements DeviceRegistry {

    private final DeviceStore store;
    private final ContextService context;
    private final PasswordEncoder passwordEncoder;
    private final InstantSource clock;
    private final DeviceProfiles profiles;
    private final RateLimits limits;
    private final Departments departments;
    /**
     * Secrets verified lately, as SHA-256 by device username: no database look-up for a device that sent a
     * reading within the minute. A reset removes the entry here at once; another node may accept the old secret
     * for up to this cache's minute, timed by the platform's clock.
     */
    private final Cache<String, byte[]> verified;

    public DeviceRegistryService(DeviceStore store, ContextService context, PasswordEncoder passwordEncoder,
            Optional<InstantSource> clock, RateLimits limits, DeviceProfiles profiles, Departments departments) {
        this.departments = departments;
        this.limits = limits;
        this.store = store;
        this.context = context;
        this.passwordEncoder = passwordEncoder;
        this.profiles = profiles;
        this.clock = clock.orElse(InstantSource.system());
        this.verified = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1))
                .ticker(() -> this.clock.millis() * 1_000_000L).build();
    }

    @Override
    public DeviceCredentials register(TenantId tenant, NewDevice nd) {
        DeviceProfile profile = profiles.find(tenant, nd.profile()).orElseThrow(() -> new InvalidInputException(
                "profile", "no device profile '" + nd.profile() + "' in this tenant; GET /api/v1/device-profiles lists them"));
        requireDepartment(tenant, nd.stewardship());
        if (profile.forOneDevice() && profiles.inUse(tenant, profile.id())) {
            throw new ConflictException("the profile '" + profile.id() + "' names its entity outright, so one device only"
                    + " may use it, and one does");
        }
        DeviceIdentity identity = new DeviceIdentity(tenant, nd.id());
        requireGateway(tenant, nd.gateway());
        Device device = new Device(tenant, nd.id(), nd.name(), profile.id(), profile.primaryEntityId(nd.id()),
                nd.latitude(), nd.longitude(), clock.instant(), nd.stewardship(), nd.gateway());
        if (store.find(tenant, nd.id()).isPresent()) {
            throw conflict(nd.id());
        }
        var f = JsonNodeFactory.instance;
        var point = f.objectNode().put("type", "Point");
        point.putArray("coordinates").add(nd.longitude()).add(nd.latitude());
        // The entities first: a device is only registered once the places its readings go to exist.
        List<CompletableFuture<Void>> created = new ArrayList<>();
        for (DeviceProfile.Target target : profile.targets()) {
            created.add(context.upsert(new EntityUpdate(tenant, target.entityId(nd.id()), target.entityType(), Map.of(
                    "location", Attribute.geoProperty(point),
                    "name", Attribute.property(f.stringNode(nd.name()))))));
        }
        CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();
        String secret = Secrets.generate(24);
        if (!store.insert(device, storedDigest(secret))) {
            throw conflict(nd.id());
        }
        return new DeviceCredentials(identity.username(), secret, identity.topic());
    }

    @Override
    public Device updateStewardship(TenantId tenant, String deviceId, Stewardship stewardship) {
        requireDepartment(tenant, stewardship);
        if (!store.updateStewardship(tenant, deviceId, stewardship)) {
            throw new NotFoundException("no device '" + deviceId + "' in this tenant");
        }
        return store.find(tenant, deviceId).orElseThrow();
    }

    @Override
    public Device updateGateway(TenantId tenant, String deviceId, Optional<String> gateway) {
        if (gateway.filter(deviceId::equals).isPresent()) {
            throw new InvalidInputException("gateway", "a device is not its own gateway");
        }
        requireGateway(tenant, gateway);
        if (!store.updateGateway(tenant, deviceId, gateway)) {
            throw new NotFoundException("no device '" + deviceId + "' in this tenant");
        }
        return store.find(tenant, deviceId).orElseThrow();
    }

    private void requireGateway(TenantId tenant, Optional<String> gateway) {
        if (gateway.filter(gw -> store.find(tenant, gw).isEmpty()).isPresent()) {
            throw new InvalidInputException("gateway", "no device '" + gateway.get()
                    + "' in this tenant to be the gateway; register the gateway first");
        }
    }

    private void requireDepartment(TenantId tenant, Stewardship s) {
        s.requireKnownDepartment(tenant, departments);
    }

    private static ConflictException conflict(String id) {
        return new ConflictException("a device with id '" + id + "' exists already in this tenant");
    }

    @Override
    public DeviceCredentials resetCredentials(TenantId tenant, String deviceId) {
        DeviceIdentity identity = new DeviceIdentity(tenant, deviceId);
        String secret = Secrets.generate(24);
        verified.invalidate(identity.username());
        if (!store.updateSecret(tenant, deviceId, storedDigest(secret))) {
            throw new NotFoundException("no device '" + deviceId + "' in this tenant");
        }
        verified.invalidate(identity.username());    // and what a sign-in checked against the old one put back meanwhile
        return new DeviceCredentials(identity.username(), secret, identity.topic());
    }

    @Override
    public Optional<Device> find(TenantId tenant, String deviceId) {
        return store.find(tenant, deviceId);
    }

    @Override
    public List<Device> list(TenantId tenant) {
        return store.list(tenant);
    }

    @Override
    public List<org.saola.devices.DeviceRejectionCount> rejectionCounts(TenantId tenant, String deviceId) {
        return store.rejectionCounts(tenant, deviceId);
    }

    @Override
    public List<DeviceRejection> rejections(TenantId tenant, String deviceId, int limit) {
        return store.rejections(tenant, deviceId, limit);
    }

    /**
     * Checks a device's secret; a wrong one for a known device is recorded against it, at most
     * {@code saola.rate-limits.rejection-records-per-minute} times a minute (the others are only counted), and
     * after repeated failures the device's credentials are not even checked until the back-off has passed.
     */
    public Optional<DeviceIdentity> authenticate(String username, byte[] secret) {
        Optional<DeviceIdentity> identity = DeviceIdentity.fromUsername(username);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = Secrets.sha256(secret);
        byte[] known = verified.getIfPresent(username);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return identity;        // verified within the minute: no look-up, no sign-in attempt spent
        }
        if (!limits.accountSignInAttempt("device:" + username).allowed()) {
            return Optional.empty();
        }
        DeviceIdentity id = identity.get();
        Optional<String> hash = store.secretHash(id.tenant(), id.deviceId());
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        if (matches(secret, digest, hash.get(), id)) {
            limits.accountSignInSucceeded("device:" + username);
            verified.put(username, digest);
            return identity;
        }
        store.countRejections(id.tenant(), id.deviceId(), clock.instant(), RejectionReason.BAD_CREDENTIALS, 1);
        if (limits.recordRejection(username)) {
            store.recordRejection(id.tenant(), id.deviceId(), clock.instant(), RejectionReason.BAD_CREDENTIALS,
                    "connection refused: wrong secret for " + username, "");
        }
        return Optional.empty();
    }

    /** How a device's secret is stored: its SHA-256, named so that it is told apart from an older bcrypt hash. */
    static final String SHA_256 = "sha256:";

    /**
     * A device's secret as stored: its SHA-256 (Base64url), like an API key's. Saola draws every device secret
     * itself (192 random bits, {@link Secrets#generate}), so there is nothing to guess and no slow hash is needed.
     * bcrypt, used until 2026-12 and still accepted, cost 60-80 ms of a core per check: a device posting less than
     * once a minute over HTTP, past the cache of verified secrets, cost that much on each reading (two cores took
     * about 25 such readings a second), and every device reconnecting after a restart cost it once.
     */
    static String storedDigest(String secret) {
        return stored(Secrets.sha256(secret));
    }

    /** A secret's SHA-256 as stored. */
    private static String stored(byte[] digest) {
        return SHA_256 + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /**
     * Whether {@code secret} (whose SHA-256 is {@code digest}) is the one {@code stored}. A bcrypt hash from before
     * is checked once with bcrypt and, when it matches, replaced by the SHA-256; if the stored hash changed during
     * the check, the secret is taken only if it is what is stored now (another node replaced the hash the same
     * way), not if the secret was reset meanwhile.
     */
    private boolean matches(byte[] secret, byte[] digest, String stored, DeviceIdentity id) {
        String asStored = stored(digest);
        if (stored.startsWith(SHA_256)) {
            return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                    asStored.getBytes(StandardCharsets.US_ASCII));
        }
        if (!passwordEncoder.matches(new String(secret, StandardCharsets.UTF_8), stored)) {
            return false;
        }
        return store.replaceSecretHash(id.tenant(), id.deviceId(), stored, asStored)
                || store.secretHash(id.tenant(), id.deviceId()).filter(asStored::equals).isPresent();
    }
}
