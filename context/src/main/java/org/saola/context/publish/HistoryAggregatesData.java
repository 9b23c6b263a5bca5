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
 * readings. Computed by PostgreSQL from the attribute history, so a refresh reads no raw reading into Java.
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
    private final InstantSource clock;
    private final ZoneId zone;

    HistoryAggregatesData(ContextService context, JdbcClient jdbc, InstantSource clock,
            @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.context = context;
        this.jdbc = jdbc;
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
        jdbc.sql("""
                SELECT h.entity_id, h.attr, date_trunc('%s', h.observed_at AT TIME ZONE ?) AS bucket,
                       avg((h.instance->>'value')::numeric), min((h.instance->>'value')::numeric), max((h.instance->>'value')::numeric),
                       count(*), max(h.instance->>'unitCode')
                FROM context_attribute_history h
                JOIN context_entity e ON e.tenant_id = h.tenant_id AND e.id = h.entity_id
                WHERE h.tenant_id = ? AND ? = ANY (e.types) AND h.observed_at >= ? AND jsonb_typeof(h.instance->'value') = 'number'
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""".formatted(grain.unit))
                .params(zone.getId(), tenant.value(), context.expand(type), Timestamp.from(from))
                .query(rs -> {
                    Timestamp bucket = rs.getTimestamp(3);
                    Object when = grain.type == DataColumn.Type.DATE ? bucket.toLocalDateTime().toLocalDate()
                            : bucket.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
                    BigDecimal mean = rs.getBigDecimal(4);
                    sink.accept(Arrays.asList(rs.getString(1), context.compact(rs.getString(2)), when,
                            mean == null ? null : mean.setScale(Math.min(Math.max(mean.scale(), 0), 4), java.math.RoundingMode.HALF_EVEN),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7), rs.getString(8)));
                });
    }
}
