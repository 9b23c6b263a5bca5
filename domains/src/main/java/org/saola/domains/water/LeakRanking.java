package org.saola.domains.water;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The night's suspected leaks, largest first. A customer's meter that never fell below the continuous-flow
 * threshold in any hour of the night has a leak behind it (a tap, a cistern, a pipe inside the property): it loses
 * its minimum night flow all day long, so about 24 times that a day. A district whose inlet meter's minimum night
 * flow exceeds, in that same hour, what its customers' meters measured plus the allowed unmetered use, is losing
 * the difference from its own pipes: 24 times it a day. Plain arithmetic: docs/domains.md.
 */
public final class LeakRanking {

    /** A meter and its cumulative readings (time order) over the night and the hour either side. */
    public record Meter(String id, String name, double latitude, double longitude, List<NightFlow.Reading> readings) {
    }

    /** A customer's meter with a continuous night flow. */
    public record CustomerLeak(String meter, String name, String district, double nightMinimumLitresPerHour,
            double litresPerDay) {
    }

    /**
     * A district's night balance in the hour of its inlet's minimum flow: inflow, what its customers' meters
     * measured (those whose hour is unknown counted as none, and counted in {@code customersUnknown}), the allowance,
     * the excess, and whether that is a leak.
     */
    public record DistrictBalance(String district, String name, String inflowMeter, Instant hour, double inflowLitres,
            double customersLitres, int customers, int customersUnknown, double allowanceLitres, double excessLitresPerHour,
            double litresPerDay, boolean suspected) {
    }

    /** One suspected leak in the ranking: a customer's meter or a district. */
    public record Suspect(String kind, String id, String name, String district, double litresPerDay) {
    }

    /**
     * The night analysed, how many meters were and were not (an hour missing), the leaks, the districts, and each
     * analysed meter's minimum night flow (litres an hour).
     */
    public record Report(Instant nightStart, Instant nightEnd, int metersAnalysed, int metersIncomplete,
            List<CustomerLeak> customers, List<DistrictBalance> districts, List<Suspect> ranked,
            Map<String, Double> nightMinimums) {
    }

    private LeakRanking() {
    }

    public static Report rank(WaterSettings settings, List<Meter> meters, Instant from, Instant to) {
        GeometryFactory geometry = new GeometryFactory();
        java.util.Map<String, Polygon> areas = new java.util.LinkedHashMap<>();
        java.util.Set<String> inlets = new java.util.HashSet<>();
        for (WaterSettings.District d : settings.districts()) {
            areas.put(d.id(), WaterSettings.polygon("area", d.area()));
            inlets.add(d.inflowMeter());
        }
        java.util.Map<String, NightFlow.Night> nights = new java.util.HashMap<>();
        java.util.Map<String, String> districtOf = new java.util.HashMap<>();
        int incomplete = 0;
        List<CustomerLeak> customers = new ArrayList<>();
        for (Meter m : meters) {
            Optional<NightFlow.Night> night = NightFlow.night(m.readings(), from, to);
            if (night.isEmpty()) {
                incomplete++;
            } else {
                nights.put(m.id(), night.get());
            }
            if (inlets.contains(m.id())) {
                continue;
            }
            Point p = geometry.createPoint(new Coordinate(m.longitude(), m.latitude()));
            String district = areas.entrySet().stream().filter(e -> e.getValue().covers(p)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (district != null) {
                districtOf.put(m.id(), district);
            }
            if (night.isPresent() && night.get().minimumLitresPerHour() >= settings.continuousFlowLitresPerHour()) {
                customers.add(new CustomerLeak(m.id(), m.name(), district, night.get().minimumLitresPerHour(),
                        night.get().minimumLitresPerHour() * 24));
            }
        }
        List<DistrictBalance> balances = new ArrayList<>();
        for (WaterSettings.District d : settings.districts()) {
            NightFlow.Night inlet = nights.get(d.inflowMeter());
            if (inlet == null) {
                continue;
            }
            Instant hour = inlet.minimumHour();
            double used = 0;
            int count = 0;
            int unknown = 0;
            for (Meter m : meters) {
                if (!d.id().equals(districtOf.get(m.id()))) {
                    continue;
                }
                count++;
                NightFlow.Night n = nights.get(m.id());
                Double h = n == null ? null : n.hours().get(hour);
                if (h == null) {
                    unknown++;
                } else {
                    used += h;
                }
            }
            double allowance = (d.properties() == null ? 0 : d.properties())
                    * (d.allowanceLitresPerPropertyHour() == null ? 0 : d.allowanceLitresPerPropertyHour());
            double excess = Math.max(0, inlet.minimumLitresPerHour() - used - allowance);
            balances.add(new DistrictBalance(d.id(), d.name(), d.inflowMeter(), hour, inlet.minimumLitresPerHour(), used, count,
                    unknown, allowance, excess, excess * 24, excess >= settings.districtExcessLitresPerHour()));
        }
        List<Suspect> ranked = new ArrayList<>();
        customers.forEach(c -> ranked.add(new Suspect("CUSTOMER", c.meter(), c.name(), c.district(), c.litresPerDay())));
        balances.stream().filter(DistrictBalance::suspected)
                .forEach(b -> ranked.add(new Suspect("DISTRICT", b.district(), b.name(), b.district(), b.litresPerDay())));
        ranked.sort(Comparator.comparingDouble(Suspect::litresPerDay).reversed().thenComparing(Suspect::id));
        customers.sort(Comparator.comparingDouble(CustomerLeak::litresPerDay).reversed());
        Map<String, Double> minimums = new java.util.TreeMap<>();
        nights.forEach((id, n) -> minimums.put(id, n.minimumLitresPerHour()));
        return new Report(from, to, meters.size() - incomplete, incomplete, List.copyOf(customers), List.copyOf(balances),
                List.copyOf(ranked), minimums);
    }
}
