package org.saola.platform.publish;

import java.util.List;
import java.util.function.Consumer;
import org.saola.platform.TenantId;

/**
 * A module's datasets for the open-data catalogue. An implementation gives only what may be public: no contact
 * data, no device secret, no ballot tied to a person; counts of people it marks ({@link DataOffer#peopleCounts()})
 * so that the catalogue suppresses and rounds them.
 */
public interface PublishedData {

    /** The datasets this module can publish for the tenant as things stand (e.g. one per entity type in use). */
    List<DataOffer> offers(TenantId tenant);

    /**
     * Gives every row of the dataset {@code key} to {@code sink}, each a list of values in the order of its
     * offer's columns: {@code String}, {@code Long}, {@code Double}, {@code java.time.Instant},
     * {@code java.time.LocalDate}, {@code Boolean} or null. An unknown key throws {@code NotFoundException}.
     */
    void rows(TenantId tenant, String key, Consumer<List<Object>> sink);

    /**
     * Gives the dataset {@code key} as NGSI-LD entities, each one's JSON-LD text (normalized, naming its @context), when
     * its rows are entities' latest state ({@link DataOffer#isEntities}); false when it is not such a dataset.
     */
    default boolean entities(TenantId tenant, String key, Consumer<String> sink) {
        return false;
    }
}
