package org.saola.indicators.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.saola.indicators.domain.Definition;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.store.IndicatorStore;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.publish.DataOffer;
import org.saola.platform.publish.PublishedData;
import org.springframework.stereotype.Component;

/**
 * The city's indicators offered to the open-data catalogue: every indicator's value for every period, for the city
 * and each group that may be published (groups resting on too few people are left out, as on the public pages),
 * with its framework, unit, how it was obtained and, for figures entered by hand, source and evidence. One dataset
 * for all of them, and one per indicator ({@code indicators.values:<code>}), so each can be published on its own.
 */
@Component
class IndicatorsData implements PublishedData {

    static final String ALL = "indicators.values";

    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("indicator", DataColumn.Type.TEXT, "Mã chỉ số", "Indicator code"),
            DataColumn.of("name_vi", DataColumn.Type.TEXT, "Tên (tiếng Việt)", "Name (Vietnamese)"),
            DataColumn.of("name_en", DataColumn.Type.TEXT, "Tên (tiếng Anh)", "Name (English)"),
            DataColumn.of("framework", DataColumn.Type.TEXT, "Khung chỉ số", "Framework"),
            DataColumn.of("clause", DataColumn.Type.TEXT, "Mã trong khung", "Clause"),
            DataColumn.of("unit", DataColumn.Type.TEXT, "Đơn vị", "Unit"),
            DataColumn.of("period", DataColumn.Type.TEXT, "Kỳ", "Period"),
            DataColumn.of("grouping", DataColumn.Type.TEXT, "Phân tổ", "Grouping"),
            DataColumn.of("grp", DataColumn.Type.TEXT, "Nhóm", "Group"),
            DataColumn.of("value", DataColumn.Type.NUMERIC, "Giá trị", "Value"),
            DataColumn.of("provisional", DataColumn.Type.BOOL, "Tạm tính", "Provisional"),
            DataColumn.of("origin", DataColumn.Type.TEXT, "Cách có số liệu", "Origin"),
            DataColumn.of("source", DataColumn.Type.TEXT, "Nguồn", "Source"),
            DataColumn.of("evidence", DataColumn.Type.TEXT, "Bằng chứng", "Evidence"));

    private final Indicators indicators;

    IndicatorsData(Indicators indicators) {
        this.indicators = indicators;
    }

    @Override
    public List<DataOffer> offers(TenantId tenant) {
        List<DataOffer> out = new ArrayList<>();
        out.add(new DataOffer(ALL, "Chỉ số của thành phố", "The city's indicators",
                "Giá trị của mọi chỉ số theo từng kỳ, của thành phố và của các nhóm (phường, kênh, giới tính, nhóm tuổi) đủ lớn để công bố;"
                        + " kèm khung chỉ số (U4SSC…), đơn vị, cách có số liệu (tính từ dữ liệu nền tảng hay nhập từ khảo sát, kèm nguồn).",
                "Every indicator's value for each period, for the city and for the groups (ward, channel, gender, age group) large enough"
                        + " to publish; with its framework (U4SSC…), unit and origin (computed from the platform's data, or entered from a"
                        + " survey with its source).",
                "GOVE", List.of("chỉ số", "indicators", "U4SSC", "KPI"), "MONTHLY", Optional.empty(), COLUMNS, Optional.empty()));
        for (Definition d : indicators.catalogue(tenant)) {
            out.add(new DataOffer(ALL + ":" + d.code(), title("Chỉ số: " + d.nameVi()), title("Indicator: " + d.nameEn()),
                    d.methodVi(), d.methodEn(), "GOVE", List.of("chỉ số", "indicators", keyword(d.framework())),
                    d.frequency() == org.saola.indicators.domain.Period.Frequency.ANNUAL ? "ANNUAL"
                            : d.frequency() == org.saola.indicators.domain.Period.Frequency.QUARTERLY ? "QUARTERLY" : "MONTHLY",
                    Optional.empty(), COLUMNS, Optional.empty()));
        }
        return out;
    }

    /** A title as the catalogue takes it (at most 200 characters). */
    static String title(String t) {
        return t.length() <= 200 ? t : t.substring(0, 199) + "…";
    }

    /** A framework's name as a catalogue keyword (letters, digits, spaces, '.', '_', '-'): "U4SSC ITU-T Y.4903". */
    static String keyword(String framework) {
        String k = framework.replaceAll("[^\\p{L}\\p{N} ._-]", " ").replaceAll("\\s+", " ").strip();
        return k.length() > 100 ? k.substring(0, 100).strip() : k.isEmpty() ? "indicator" : k;
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        Map<String, Definition> defs = new LinkedHashMap<>();
        indicators.catalogue(tenant).forEach(d -> defs.put(d.code(), d));
        List<Definition> wanted;
        if (key.equals(ALL)) {
            wanted = List.copyOf(defs.values());
        } else if (key.startsWith(ALL + ":") && defs.containsKey(key.substring(ALL.length() + 1))) {
            wanted = List.of(defs.get(key.substring(ALL.length() + 1)));
        } else {
            throw new NotFoundException("no dataset '" + key + "'");
        }
        for (Definition d : wanted) {
            for (Indicators.PeriodValues p : indicators.series(tenant, d.code())) {
                row(d, p.city(), sink);
                p.groups().values().forEach(rows -> rows.forEach(r -> row(d, r, sink)));
            }
        }
    }

    private static void row(Definition d, IndicatorStore.Row r, Consumer<List<Object>> sink) {
        if (r.hidden()) {
            return;
        }
        sink.accept(java.util.Arrays.asList(d.code(), d.nameVi(), d.nameEn(), d.framework(), d.clause().orElse(null), d.unitEn(),
                r.period(), r.grouping().isEmpty() ? null : r.grouping(), r.group().isEmpty() ? null : r.group(),
                r.value().isPresent() ? r.value().getAsDouble() : null, r.provisional(), r.origin(),
                r.source().isEmpty() ? null : r.source(), r.evidence().isEmpty() ? null : r.evidence()));
    }
}
