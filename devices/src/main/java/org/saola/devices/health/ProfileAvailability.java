package org.saola.devices.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.saola.devices.Device;

/**
 * How the devices of one profile are doing: how many, how many healthy and unhealthy, and their availability
 * (the mean of the watched devices' availability).
 */
public record ProfileAvailability(String profile, int devices, int ok, int unhealthy, int waiting, int notWatched,
        Optional<Double> availability) {

    /** One line per profile, in profile id order. */
    public static List<ProfileAvailability> of(List<Device> devices, Map<String, DeviceHealth> health) {
        Map<String, List<DeviceHealth>> byProfile = new TreeMap<>();
        for (Device d : devices) {
            byProfile.computeIfAbsent(d.profile(), p -> new ArrayList<>()).add(health.getOrDefault(d.id(), DeviceHealth.UNCHECKED));
        }
        List<ProfileAvailability> out = new ArrayList<>();
        byProfile.forEach((profile, hs) -> {
            int[] n = new int[HealthRules.Status.values().length];
            hs.forEach(h -> n[h.status().ordinal()]++);
            Optional<Double> mean = hs.stream().flatMap(h -> h.availability().stream()).mapToDouble(Double::doubleValue)
                    .average().stream().boxed().findFirst();
            out.add(new ProfileAvailability(profile, hs.size(), n[HealthRules.Status.OK.ordinal()],
                    n[HealthRules.Status.UNHEALTHY.ordinal()], n[HealthRules.Status.WAITING.ordinal()],
                    n[HealthRules.Status.NOT_WATCHED.ordinal()], mean));
        });
        return out;
    }
}
