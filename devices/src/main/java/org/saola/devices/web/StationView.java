package org.saola.devices.web;

import java.util.Map;
import java.util.Optional;

/** What the operations map shows of one station: where it is, its health and its latest values (absent until it reports). */
public record StationView(String id, String entityId, String name, double latitude, double longitude,
        Map<String, Double> values, Optional<String> observedAt, String health, String colour) {
}
