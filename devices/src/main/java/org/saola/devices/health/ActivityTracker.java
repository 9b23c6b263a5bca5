package org.saola.devices.health;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.saola.devices.domain.Reading;
import org.saola.devices.domain.RejectionReason;
import org.saola.devices.profile.DeviceProfile;
import org.saola.platform.TenantId;
import org.springframework.stereotype.Component;

/**
 * Follows what each device does as its messages are ingested, in memory: no database write per message, so the
 * ingest path pays a map lookup and a hash. {@link HealthWatch} writes what changed to PostgreSQL every few
 * seconds ({@link #changes}), where every node's view meets.
 *
 * <p>Each node counts identical readings for the messages it received; a device whose messages are spread over
 * several nodes is seen stuck a little later, never wrongly.
 */
@Component
public class ActivityTracker {

    /** A device, by tenant and id. */
    public record Key(TenantId tenant, String deviceId) {
    }

    /** What changed for one device since the last {@link #changes}: its activity, and readings per hour. */
    public record Change(Key device, Activity activity, Map<Instant, Integer> readingsByHour) {
    }

    private static final class State {
        Instant lastReceivedAt;
        Instant lastObservedAt;
        Duration clockSkew = Duration.ZERO;
        long fingerprint;
        int repeats;
        Double battery;
        Instant lastOutOfRangeAt;
        Instant lastFarFutureAt;
        Map<Instant, Integer> readingsByHour = new HashMap<>(2);
        boolean dirty;
    }

    private final ConcurrentHashMap<Key, State> states = new ConcurrentHashMap<>();

    /** Readings of one message committed: counted, and their values compared with the previous ones. */
    public void stored(TenantId tenant, String deviceId, Instant receivedAt, List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        State s = states.computeIfAbsent(new Key(tenant, deviceId), k -> new State());
        synchronized (s) {
            Instant newest = null;
            for (Reading r : readings) {
                long fp = 17;
                for (Reading.Value v : r.values()) {
                    if (v.measurement().attribute().equals(DeviceProfile.BATTERY_ATTRIBUTE)) {
                        s.battery = v.value().asDouble();
                    } else {
                        fp = 31 * (31 * fp + v.measurement().attribute().hashCode()) + v.value().hashCode();
                    }
                }
                s.repeats = s.repeats > 0 && fp == s.fingerprint ? s.repeats + 1 : 1;
                s.fingerprint = fp;
                newest = newest == null || r.observedAt().isAfter(newest) ? r.observedAt() : newest;
            }
            s.lastReceivedAt = receivedAt;
            s.lastObservedAt = s.lastObservedAt == null || newest.isAfter(s.lastObservedAt) ? newest : s.lastObservedAt;
            s.clockSkew = Duration.between(receivedAt, newest);
            s.readingsByHour.merge(receivedAt.truncatedTo(ChronoUnit.HOURS), readings.size(), Integer::sum);
            s.dirty = true;
        }
    }

    /**
     * A gateway's message for the devices behind it: the gateway is alive, though it measured nothing itself
     * (counted as one reading, so a gateway that only relays is available).
     */
    public void heard(TenantId tenant, String gatewayId, Instant receivedAt) {
        State s = states.computeIfAbsent(new Key(tenant, gatewayId), k -> new State());
        synchronized (s) {
            s.lastReceivedAt = s.lastReceivedAt == null || receivedAt.isAfter(s.lastReceivedAt) ? receivedAt : s.lastReceivedAt;
            s.readingsByHour.merge(receivedAt.truncatedTo(ChronoUnit.HOURS), 1, Integer::sum);
            s.dirty = true;
        }
    }

    /** A reading refused: an out-of-range value or a time in the future tells of the device's health. */
    public void refused(TenantId tenant, String deviceId, Instant receivedAt, RejectionReason reason) {
        if (reason != RejectionReason.OUT_OF_RANGE && reason != RejectionReason.FAR_FUTURE) {
            return;
        }
        State s = states.computeIfAbsent(new Key(tenant, deviceId), k -> new State());
        synchronized (s) {
            if (reason == RejectionReason.OUT_OF_RANGE) {
                s.lastOutOfRangeAt = receivedAt;
            } else {
                s.lastFarFutureAt = receivedAt;
            }
            s.dirty = true;
        }
    }

    /** What changed since the last call, for the store; the hourly counts start again from zero. */
    public List<Change> changes() {
        List<Change> out = new ArrayList<>();
        states.forEach((key, s) -> {
            synchronized (s) {
                if (!s.dirty) {
                    return;
                }
                out.add(new Change(key, new Activity(Optional.ofNullable(s.lastReceivedAt), Optional.ofNullable(s.lastObservedAt),
                        s.clockSkew, s.fingerprint, s.repeats, Optional.ofNullable(s.battery),
                        Optional.ofNullable(s.lastOutOfRangeAt), Optional.ofNullable(s.lastFarFutureAt)), s.readingsByHour));
                s.readingsByHour = new HashMap<>(2);
                s.dirty = false;
            }
        });
        return out;
    }

    /** Puts back changes the store could not take, so the next flush writes them. */
    public void retry(List<Change> failed) {
        for (Change c : failed) {
            State s = states.computeIfAbsent(c.device(), k -> new State());
            synchronized (s) {
                c.readingsByHour().forEach((h, n) -> s.readingsByHour.merge(h, n, Integer::sum));
                s.dirty = true;
            }
        }
    }
}
