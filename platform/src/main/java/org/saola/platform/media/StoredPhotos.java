package org.saola.platform.media;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Photos made safe and put in their store before the transaction that records them begins: decoding a phone's
 * photo takes a fifth of a second of CPU, and an object store is a remote service that may be slow, so neither
 * happens while a database connection (and, for a proposal, the process's lock) is held. If the recording then
 * fails, the photos are removed again, so nothing stays in the store that no row names.
 */
public final class StoredPhotos {

    private static final Logger log = LoggerFactory.getLogger(StoredPhotos.class);

    /** A photo in its store: its id, and what was stored (sizes for the row that records it). */
    public record Stored(UUID id, Photos.Processed photo) {
    }

    private StoredPhotos() {
    }

    /** Makes each picture safe and stores it; if one cannot be, those stored already are removed and it throws. */
    public static List<Stored> put(PhotoStore store, TenantId tenant, List<byte[]> pictures) {
        List<Stored> done = new ArrayList<>();
        try {
            for (byte[] picture : pictures) {
                Photos.Processed safe = Photos.process(picture);
                UUID id = UUID.randomUUID();
                store.put(tenant, id, safe);
                done.add(new Stored(id, safe));
            }
        } catch (RuntimeException e) {
            forget(store, tenant, done);
            throw e;
        }
        return done;
    }

    /** Removes photos whose recording failed; a photo that cannot be removed is logged (by id) and left. */
    public static void forget(PhotoStore store, TenantId tenant, List<Stored> stored) {
        for (Stored s : stored) {
            try {
                store.delete(tenant, s.id());
            } catch (RuntimeException e) {
                log.warn("Photo {} of tenant {} was stored but not recorded, and could not be removed: {}", s.id(),
                        tenant.value(), e.getMessage());
            }
        }
    }

    public static List<UUID> ids(List<Stored> stored) {
        return stored.stream().map(Stored::id).toList();
    }
}
