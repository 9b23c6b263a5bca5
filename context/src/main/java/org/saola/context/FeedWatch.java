package org.saola.context;

import java.util.Set;

/**
 * What a change-feed consumer watches: every entity, or the entities of some types (terms of the core @context,
 * such as {@code WaterObserved}). The feed records only the changes some consumer watches.
 */
public record FeedWatch(boolean everything, Set<String> types) {

    public FeedWatch {
        types = Set.copyOf(types);
    }

    public static FeedWatch all() {
        return new FeedWatch(true, Set.of());
    }

    public static FeedWatch types(Set<String> types) {
        return new FeedWatch(false, types);
    }
}
