package org.saola.indicators.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saola.indicators.domain.Definition;
import org.saola.indicators.domain.Formula;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.store.IndicatorStore;
import org.saola.platform.TenantId;
import tools.jackson.databind.json.JsonMapper;

/** Indicators as the APIs show them (the staff API and the public one alike: nothing here is personal). */
public final class IndicatorViews {

    public record Target(double value, int year, String note) {
    }

    public record Latest(String period, Double value, boolean provisional, String origin) {
    }

    public record Indicator(String code, String nameVi, String nameEn, String framework, String clause, String unitVi, String unitEn,
            String formula, String frequency, List<String> disaggregation, String direction, String methodVi, String methodEn, int decimals,
            boolean builtIn, boolean computed, Target target, Latest latest) {
    }

    /** A group's figure: null and {@code hidden} when it rests on too few people to publish. */
    public record Group(String group, Double value, boolean hidden) {
    }

    public record PeriodView(String period, Double value, boolean provisional, String origin, String source, String evidence,
            Map<String, Object> inputs, Map<String, List<Group>> groups) {
    }

    public record Series(Indicator indicator, List<PeriodView> periods) {
    }

    private IndicatorViews() {
    }

    public static List<Indicator> list(Indicators indicators, TenantId tenant) {
        Map<String, IndicatorStore.Target> targets = indicators.targets(tenant);
        Map<String, IndicatorStore.Row> latest = indicators.latest(tenant);
        List<Indicator> out = new ArrayList<>();
        for (Definition d : indicators.catalogue(tenant)) {
            out.add(of(d, targets.get(d.code()), latest.get(d.code())));
        }
        return out;
    }

    public static Indicator one(Indicators indicators, TenantId tenant, String code) {
        Definition d = indicators.definition(tenant, code);
        return of(d, indicators.targets(tenant).get(code), indicators.latest(tenant).get(code));
    }

    static Indicator of(Definition d, IndicatorStore.Target t, IndicatorStore.Row latest) {
        return new Indicator(d.code(), d.nameVi(), d.nameEn(), d.framework(), d.clause().orElse(null), d.unitVi(), d.unitEn(),
                d.formula().map(Formula::text).orElse(null), d.frequency().name(), d.disaggregation(), d.direction().name(), d.methodVi(),
                d.methodEn(), d.decimals(), d.builtIn(), d.computed(), t == null ? null : new Target(t.value(), t.year(), t.note()),
                latest == null ? null : new Latest(latest.period(), value(latest), latest.provisional(), latest.origin()));
    }

    public static Series series(Indicators indicators, TenantId tenant, String code, JsonMapper json) {
        Indicator indicator = one(indicators, tenant, code);
        List<PeriodView> periods = new ArrayList<>();
        for (Indicators.PeriodValues p : indicators.series(tenant, code)) {
            Map<String, List<Group>> groups = new LinkedHashMap<>();
            p.groups().forEach((grouping, rows) -> groups.put(grouping, rows.stream().map(r -> new Group(r.group(), value(r), r.hidden())).toList()));
            IndicatorStore.Row c = p.city();
            @SuppressWarnings("unchecked")
            Map<String, Object> inputs = json.readValue(c.inputs(), LinkedHashMap.class);
            periods.add(new PeriodView(p.period(), value(c), c.provisional(), c.origin(), c.source(), c.evidence(), inputs, groups));
        }
        return new Series(indicator, periods);
    }

    static Double value(IndicatorStore.Row r) {
        return r.value().isPresent() ? r.value().getAsDouble() : null;
    }
}
