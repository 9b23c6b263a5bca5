package org.saola.platform.media;

import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * Where the bytes of photos live (the data directory by default). Keys are the photo's id; a photo and
 * its thumbnail are kept side by side. Writes are durable before they return: a report acknowledged keeps
 * its photos.
 */
public interface PhotoStore {

    void put(TenantId tenant, UUID photo, Photos.Processed processed);

    Optional<byte[]> get(TenantId tenant, UUID photo, boolean thumbnail);

    /** Removes a photo and its thumbnail (nothing if there is none). */
    void delete(TenantId tenant, UUID photo);
}
