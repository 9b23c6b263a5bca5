package org.saola.indicators.domain;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.saola.indicators.store.IndicatorStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.measure.Measure;
import org.saola.platform.measure.MeasureSource;
import org.saola.platform.measure.Measured;

/**
 * The official figures indicators divide by, entered by staff with their source: the population and the area in
 * km², for the whole city and by ward. Offered as the measures {@code city.population} and {@code city.area_km2}
 * (the city's figure is the one entered for it, else the sum of its wards'). Public statistics, not counts of
 * people the platform holds, so they do not make a group small.
 */
public class CityFigures implements MeasureSource {

    static final Map<String, String> FIGURES = Map.of("city.population", "population", "city.area_km2", "area_km2");
    private static final Pattern WARD = Pattern.compile("[\\p{L}\\p{N} .,'()-]{1,100}");

    /** A figure as entered: which ({@code population}, {@code area_km2}), for a ward or the city (ward empty). */
    public record Figure(String figure, String ward, double value, String source) {
    }

    private final IndicatorStore store;
    private final InstantSource clock;
    private final AuditLog audit;

    public CityFigures(IndicatorStore store, InstantSource clock, AuditLog audit) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public List<Measure> measures() {
        return List.of(new Measure("city.population", "Dân số", "Population", "people", Measure.Kind.REFERENCE, false, List.of("ward")),
                new Measure("city.area_km2", "Diện tích (km²)", "Area (km²)", "km²", Measure.Kind.REFERENCE, false, List.of("ward")));
    }

    @Override
    public Measured measure(TenantId tenant, String key, Instant from, Instant to, Set<String> groupings) {
        String figure = FIGURES.get(key);
        if (figure == null) {
            throw new NotFoundException("no measure '" + key + "'");
        }
        Double city = null;
        double wards = 0;
        Map<String, Measured.Value> byWard = new LinkedHashMap<>();
        for (IndicatorStore.CityFigure f : store.cityFigures(tenant)) {
            if (!f.figure().equals(figure)) {
                continue;
            }
            if (f.ward().isEmpty()) {
                city = f.value();
            } else {
                byWard.put(f.ward(), Measured.Value.of(f.value()));
                wards += f.value();
            }
        }
        Double total = city != null ? city : byWard.isEmpty() ? null : wards;
        if (total == null) {
            return Measured.none();
        }
        return new Measured(Optional.of(Measured.Value.of(total)), groupings.contains("ward") ? Map.of("ward", byWard) : Map.of());
    }

    public List<IndicatorStore.CityFigure> list(TenantId tenant) {
        return store.cityFigures(tenant);
    }

    /** Replaces the tenant's figures, each checked (a positive number, a source, each figure and ward once). */
    public void set(TenantId tenant, List<Figure> figures, String actor) {
        if (figures == null || figures.size() > 1000) {
            throw new InvalidInputException("figures", "a list of at most 1 000 figures is needed");
        }
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        List<IndicatorStore.CityFigure> out = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            String field = "figures[" + i + "]";
            if (f == null || !FIGURES.containsValue(f.figure())) {
                throw new InvalidInputException(field + ".figure", "a figure is population or area_km2");
            }
            String ward = f.ward() == null ? "" : f.ward().strip();
            if (!ward.isEmpty() && !WARD.matcher(ward).matches()) {
                throw new InvalidInputException(field + ".ward", "a ward is its name (letters, digits, spaces), at most 100 characters");
            }
            if (!(f.value() > 0) || f.value() > 1e10) {
                throw new InvalidInputException(field + ".value", "a figure is a positive number");
            }
            if (f.source() == null || f.source().isBlank() || f.source().length() > 500) {
                throw new InvalidInputException(field + ".source", "each figure names its source (at most 500 characters)");
            }
            if (!seen.add(f.figure() + "\u0000" + ward)) {
                throw new InvalidInputException(field, f.figure() + " of '" + (ward.isEmpty() ? "the city" : ward) + "' is given twice");
            }
            out.add(new IndicatorStore.CityFigure(f.figure(), ward, f.value(), f.source().strip(), now));
        }
        store.setCityFigures(tenant, out);
        audit.record(tenant, actor, "CITY_FIGURES_SET", "city-figures", "", Map.of("figures", out.size()));
    }
}
