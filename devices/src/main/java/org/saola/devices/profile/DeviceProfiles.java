package org.saola.devices.profile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.devices.store.ProfileStore;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The device profiles each tenant can use: the ones Saola ships ({@code classpath:device-profiles/*.json},
 * the same for every tenant, their ids reserved) and the ones a tenant imported. Looked up on every message,
 * so a tenant's are kept in memory for a minute after use; a change made on this node applies at once.
 */
@Service
public class DeviceProfiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, DeviceProfile> shipped;
    private final ProfileStore store;
    private final InstantSource clock;
    private final Cache<String, Optional<DeviceProfile>> tenants = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    public DeviceProfiles(ProfileStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
        this.shipped = loadShipped();
    }

    /** The profiles Saola ships, by id. */
    public static Map<String, DeviceProfile> loadShipped() {
        Map<String, DeviceProfile> out = new TreeMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:device-profiles/*.json")) {
                try (InputStream in = r.getInputStream()) {
                    DeviceProfile p = ProfileDocuments.read(JSON.readTree(in));
                    if (out.put(p.id(), p) != null) {
                        throw new IllegalStateException("two shipped device profiles have the id " + p.id());
                    }
                } catch (InvalidInputException e) {
                    throw new IllegalStateException("shipped device profile " + r.getFilename() + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }

    public boolean isShipped(String id) {
        return shipped.containsKey(id);
    }

    public Optional<DeviceProfile> find(TenantId tenant, String id) {
        DeviceProfile p = shipped.get(id);
        if (p != null) {
            return Optional.of(p);
        }
        return tenants.get(tenant.value() + "\u0000" + id, k -> store.find(tenant, id).map(DeviceProfiles::parse));
    }

    public DeviceProfile require(TenantId tenant, String id) {
        return find(tenant, id).orElseThrow(() -> new NotFoundException("no device profile '" + id
                + "' in this tenant; GET /api/v1/device-profiles lists them"));
    }

    /** Shipped profiles first, then the tenant's own, each by id. */
    public List<DeviceProfile> list(TenantId tenant) {
        List<DeviceProfile> out = new ArrayList<>(shipped.values());
        store.list(tenant).stream().map(DeviceProfiles::parse).sorted(Comparator.comparing(DeviceProfile::id))
                .forEach(out::add);
        return out;
    }

    /** Imports a profile document (validated strictly); its id must be new in the tenant and not a shipped one. */
    public DeviceProfile importProfile(TenantId tenant, JsonNode document) {
        DeviceProfile p = ProfileDocuments.read(document);
        if (shipped.containsKey(p.id())) {
            throw new ConflictException("'" + p.id() + "' is a profile Saola ships; give yours another id");
        }
        if (!store.insert(tenant, p.id(), ProfileDocuments.write(p).toString(), clock.instant())) {
            throw new ConflictException("this tenant has a device profile '" + p.id() + "' already");
        }
        tenants.invalidate(tenant.value() + "\u0000" + p.id());
        return p;
    }

    /** Whether a device of the tenant uses the profile. */
    public boolean inUse(TenantId tenant, String id) {
        return store.inUse(tenant, id);
    }

    /**
     * Puts {@code profile} in the tenant, replacing the one with its id if there is one (a profile Saola generates,
     * such as a FIWARE-provisioned device's, regenerated when its provisioning changes).
     */
    public void put(TenantId tenant, DeviceProfile profile) {
        if (shipped.containsKey(profile.id())) {
            throw new ConflictException("'" + profile.id() + "' is a profile Saola ships; give yours another id");
        }
        store.upsert(tenant, profile.id(), ProfileDocuments.write(profile).toString(), clock.instant());
        tenants.invalidate(tenant.value() + "\u0000" + profile.id());
    }

    /** Forgets what this node keeps of a tenant's profile, so that it is read again (after a change committed). */
    public void forget(TenantId tenant, String id) {
        tenants.invalidate(tenant.value() + "\u0000" + id);
    }

    /** Removes a tenant's own profile, if no device uses it. */
    public void delete(TenantId tenant, String id) {
        if (shipped.containsKey(id)) {
            throw new ConflictException("'" + id + "' is a profile Saola ships; it cannot be removed");
        }
        if (store.inUse(tenant, id)) {
            throw new ConflictException("devices of this tenant use the profile '" + id + "'; remove them first");
        }
        if (!store.delete(tenant, id)) {
            throw new NotFoundException("no device profile '" + id + "' in this tenant");
        }
        tenants.invalidate(tenant.value() + "\u0000" + id);
    }

    private static DeviceProfile parse(String document) {
        try {
            return ProfileDocuments.read(JSON.readTree(document));
        } catch (JacksonException e) {
            throw new IllegalStateException("a stored device profile is not JSON", e);
        }
    }
}
