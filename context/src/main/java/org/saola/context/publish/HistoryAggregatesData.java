package org.saola.context.publish;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.saola.context.ContextService;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.publish.DataOffer;
import org.saola.platform.publish.PublishedData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sensor history offered to the open-data catalogue as aggregates, per entity type in use: every numeric
 * attribute of every entity, hour by hour over the last 7 days ({@code context.hourly:<Type>}) and day by day over
 * the last 400 ({@code context.daily:<Type>}), in the city's time zone: mean, minimum, maximum and the number of
 * readings. Computed by PostgreSQL from the attribute history's rows, so a refresh reads no raw reading into Java,
 * except the compacted part of history (days older than a week, by default), decoded and added here.
 */
@Component
class HistoryAggregatesData implements PublishedData {

    private enum Grain {
        HOURLY("hourly", "hour", DataColumn.Type.TIMESTAMP, "Giờ (giờ địa phương)", "Hour (local time)", Duration.ofDays(7), "HOURLY",
                "theo giờ trong 7 ngày qua", "hour by hour over the last 7 days"),
        DAILY("daily", "day", DataColumn.Type.DATE, "Ngày", "Day", Duration.ofDays(400), "DAILY",
                "theo ngày trong 400 ngày qua", "day by day over the last 400 days");

        final String key;
        final String unit;
        final DataColumn.Type type;
        final String labelVi;
        final String labelEn;
        final Duration window;
        final String frequency;
        final String vi;
        final String en;

        Grain(String key, String unit, DataColumn.Type type, String labelVi, String labelEn, Duration window, String frequency,
                String vi, String en) {
            this.key = key;
            this.unit = unit;
            this.type = type;
            this.labelVi = labelVi;
            this.labelEn = labelEn;
            this.window = window;
            this.frequency = frequency;
            this.vi = vi;
            this.en = en;
        }

        List<DataColumn> columns() {
            return List.of(
                    DataColumn.of("entity_id", DataColumn.Type.TEXT, "Mã thực thể", "Entity id"),
                    DataColumn.of("attribute", DataColumn.Type.TEXT, "Thuộc tính", "Attribute"),
                    DataColumn.of(unit, type, labelVi, labelEn),
                    DataColumn.of("mean", DataColumn.Type.NUMERIC, "Trung bình", "Mean"),
                    DataColumn.of("minimum", DataColumn.Type.NUMERIC, "Nhỏ nhất", "Minimum"),
                    DataColumn.of("maximum", DataColumn.Type.NUMERIC, "Lớn nhất", "Maximum"),
                    DataColumn.of("readings", DataColumn.Type.INT, "Số lần đo", "Readings"),
                    DataColumn.of("unit_code", DataColumn.Type.TEXT, "Đơn vị (UN/CEFACT)", "Unit (UN/CEFACT code)"));
        }
    }

    private final ContextService context;
    private final JdbcClient jdbc;
    private final org.saola.context.store.HistoryStore history;
    private final InstantSource clock;
    private final ZoneId zone;

    HistoryAggregatesData(ContextService context, JdbcClient jdbc, org.saola.context.store.HistoryStore history,
            InstantSource clock, @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.context = context;
        this.jdbc = jdbc;
        this.history = history;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @Override
    public List<DataOffer> offers(TenantId tenant) {
        List<DataOffer> offers = new ArrayList<>();
        for (String type : LatestStateData.offeredTypes(context, tenant)) {
            for (Grain g : Grain.values()) {
                offers.add(new DataOffer("context." + g.key + ":" + type, type + " — tổng hợp " + g.vi, type + " — aggregated " + g.en,
                        "Các số đo của mọi thực thể kiểu " + type + ", tổng hợp " + g.vi + " (giờ Việt Nam): trung bình, nhỏ nhất, lớn nhất"
                                + " và số lần đo của từng thuộc tính số.",
                        "The readings of every " + type + " entity, aggregated " + g.en + " (the city's time): mean, minimum, maximum"
                                + " and number of readings of each numeric attribute.",
                        LatestStateData.theme(type), List.of(type, "history", g.key), g.frequency, Optional.empty(), g.columns(),
                        Optional.empty()));
            }
        }
        return offers;
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        Grain grain = Arrays.stream(Grain.values()).filter(g -> key.startsWith("context." + g.key + ":")).findFirst()
                .orElseThrow(() -> new NotFoundException("no dataset '" + key + "'"));
        String type = key.substring(("context." + grain.key + ":").length());
        if (!LatestStateData.offeredTypes(context, tenant).contains(type)) {
            throw new NotFoundException("no dataset '" + key + "'");
        }
        Instant from = clock.instant().minus(grain.window);
        // The compacted part of the window (issue #17, item 4), added to what PostgreSQL computes over the rows.
        java.util.TreeMap<List<String>, Part> compacted = new java.util.TreeMap<>(ORDER);
        java.time.temporal.ChronoUnit unit = grain == Grain.HOURLY ? java.time.temporal.ChronoUnit.HOURS : java.time.temporal.ChronoUnit.DAYS;
        history.compactedNumbers(tenant, context.expand(type), from, (entityId, attr, at, value, unitCode) -> {
            String bucket = java.time.LocalDateTime.ofInstant(at, zone).truncatedTo(unit).toString();
            compacted.computeIfAbsent(List.of(entityId, attr, bucket), k -> new Part()).add(value, 1, value, value, unitCode);
        });
        jdbc.sql("""
                SELECT h.entity_id, h.attr, date_trunc('%s', h.observed_at AT TIME ZONE ?) AS bucket,
                       avg((h.instance->>'value')::numeric), min((h.instance->>'value')::numeric), max((h.instance->>'value')::numeric),
                       count(*), max(h.instance->>'unitCode'), sum((h.instance->>'value')::numeric)
                FROM context_attribute_history h
                JOIN context_entity e ON e.tenant_id = h.tenant_id AND e.id = h.entity_id
                WHERE h.tenant_id = ? AND ? = ANY (e.types) AND h.observed_at >= ? AND jsonb_typeof(h.instance->'value') = 'number'
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""".formatted(grain.unit))
                .params(zone.getId(), tenant.value(), context.expand(type), Timestamp.from(from))
                .query(rs -> {
                    Timestamp bucket = rs.getTimestamp(3);
                    if (!compacted.isEmpty()) {
                        List<String> period = List.of(rs.getString(1), rs.getString(2), bucket.toLocalDateTime().toString());
                        Part p = compacted.get(period);
                        if (p != null) {                   // rows and a compacted day in the same period
                            p.add(rs.getBigDecimal(9), rs.getLong(7), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(8));
                            return;
                        }
                        // Compacted periods before this one come first, in the order of the rows' own.
                        while (!compacted.isEmpty() && ORDER.compare(compacted.firstKey(), period) < 0) {
                            emit(compacted.pollFirstEntry(), grain, sink);
                        }
                    }
                    Object when = grain.type == DataColumn.Type.DATE ? bucket.toLocalDateTime().toLocalDate()
                            : bucket.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
                    BigDecimal mean = rs.getBigDecimal(4);
                    sink.accept(Arrays.asList(rs.getString(1), context.compact(rs.getString(2)), when,
                            mean == null ? null : mean.setScale(Math.min(Math.max(mean.scale(), 0), 4), java.math.RoundingMode.HALF_EVEN),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7), rs.getString(8)));
                });
        while (!compacted.isEmpty()) {
            emit(compacted.pollFirstEntry(), grain, sink);
        }
    }

    /** Entity, attribute and period, in the order of the rows' query (ids by their bytes). */
    private static final java.util.Comparator<List<String>> ORDER = (a, b) -> {
        for (int i = 0; i < 3; i++) {
            int c = java.util.Arrays.compareUnsigned(a.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    b.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    /** Sum, count, minimum, maximum and unit of one period, compacted instances and rows together. */
    private static final class Part {
        BigDecimal sum = BigDecimal.ZERO;
        long count;
        BigDecimal min;
        BigDecimal max;
        String unit;

        void add(BigDecimal s, long n, BigDecimal lo, BigDecimal hi, String unitCode) {
            sum = sum.add(s);
            count += n;
            min = min == null || lo.compareTo(min) < 0 ? lo : min;
            max = max == null || hi.compareTo(max) > 0 ? hi : max;
            unit = unitCode == null ? unit : unit == null || unitCode.compareTo(unit) > 0 ? unitCode : unit;
        }
    }

    private void emit(java.util.Map.Entry<List<String>, Part> e, Grain grain, Consumer<List<Object>> sink) {
        java.time.LocalDateTime bucket = java.time.LocalDateTime.parse(e.getKey().get(2));
        Object when = grain.type == DataColumn.Type.DATE ? bucket.toLocalDate() : bucket.toInstant(java.time.ZoneOffset.UTC);
        Part p = e.getValue();
        BigDecimal mean = p.sum.divide(BigDecimal.valueOf(p.count), 20, java.math.RoundingMode.HALF_EVEN);
        sink.accept(Arrays.asList(e.getKey().get(0), context.compact(e.getKey().get(1)), when,
                mean.setScale(4, java.math.RoundingMode.HALF_EVEN), p.min, p.max, p.count, p.unit));
    }
}
