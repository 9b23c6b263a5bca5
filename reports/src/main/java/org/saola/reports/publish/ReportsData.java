package org.saola.reports.publish;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.publish.DataOffer;
import org.saola.platform.publish.PublishedData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.saola.reports.domain.ServiceDefinition;
import org.saola.reports.store.CatalogueStore;
import org.saola.reports.store.ReportStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Residents' reports offered to the open-data catalogue: how many were filed each month, by category and ward
 * (counts of what residents did, so marked for disclosure control: the catalogue hides small counts and rounds the
 * rest before anything is published); and each report anonymised: the public record Open311 already serves to
 * anyone, with less (no words, address, photos, answers or reporter), placed as its category allows in public.
 */
@Component
class ReportsData implements PublishedData {

    static final String MONTHLY = "reports.monthly-counts";
    static final String RECORDS = "reports.anonymised";

    private static final List<DataColumn> RECORD_COLUMNS = List.of(
            DataColumn.of("number", DataColumn.Type.INT, "Số phản ánh", "Report number"),
            DataColumn.of("category", DataColumn.Type.TEXT, "Loại phản ánh", "Category"),
            DataColumn.of("category_vi", DataColumn.Type.TEXT, "Tên loại", "Category (Vietnamese)"),
            DataColumn.of("category_en", DataColumn.Type.TEXT, "Tên loại (tiếng Anh)", "Category (English)"),
            DataColumn.of("status", DataColumn.Type.TEXT, "Tình trạng", "Status"),
            DataColumn.of("ward", DataColumn.Type.TEXT, "Phường", "Ward"),
            DataColumn.of("department", DataColumn.Type.TEXT, "Cơ quan phụ trách", "Department"),
            DataColumn.of("requested_at", DataColumn.Type.TIMESTAMP, "Gửi lúc (UTC)", "Filed at (UTC)"),
            DataColumn.of("expected_at", DataColumn.Type.TIMESTAMP, "Hạn xử lý (UTC)", "Due (UTC)"),
            DataColumn.of("closed_at", DataColumn.Type.TIMESTAMP, "Đóng lúc (UTC)", "Closed at (UTC)"),
            DataColumn.of("on_time", DataColumn.Type.BOOL, "Đúng hạn", "Closed on time"),
            DataColumn.of("supporters", DataColumn.Type.INT, "Người ủng hộ", "Supporters"),
            DataColumn.of("latitude", DataColumn.Type.NUMERIC, "Vĩ độ (tâm ô lưới khoảng 440 m)", "Latitude (centre of a ~440 m grid cell)"),
            DataColumn.of("longitude", DataColumn.Type.NUMERIC, "Kinh độ (tâm ô lưới khoảng 440 m)", "Longitude (centre of a ~440 m grid cell)"));

    /**
     * The grid every report's place is generalised to in this dataset (as every published location derived from
     * residents' data is, issue #20, at least 250 m): 0.004°, about 445 m north-south and 428 m east-west at Đà Nẵng's
     * latitude. Twice Open311's grid for sensitive categories (0.002°, {@code Privacy}), so each of its cells holds
     * whole Open311 cells: joining the two by report number narrows nothing below Open311's own cell.
     */
    static final double GRID_DEGREES = 0.004;

    static double cell(double degrees) {
        return Math.round((Math.floor(degrees / GRID_DEGREES) + 0.5) * GRID_DEGREES * 1e6) / 1e6;
    }

    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("month", DataColumn.Type.DATE, "Tháng", "Month"),
            DataColumn.of("category", DataColumn.Type.TEXT, "Loại phản ánh", "Category"),
            DataColumn.of("ward", DataColumn.Type.TEXT, "Phường", "Ward"),
            DataColumn.of("reports", DataColumn.Type.INT, "Số phản ánh", "Reports"));

    private final ReportStore reports;
    private final CatalogueStore catalogue;
    private final ZoneId zone;

    ReportsData(ReportStore reports, CatalogueStore catalogue, @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.reports = reports;
        this.catalogue = catalogue;
        this.zone = ZoneId.of(zone);
    }

    @Override
    public List<DataOffer> offers(TenantId tenant) {
        return List.of(new DataOffer(MONTHLY, "Phản ánh của người dân theo tháng, loại và phường",
                "Residents' reports by month, category and ward",
                "Số phản ánh người dân gửi mỗi tháng, theo loại và phường, kèm tổng theo loại, theo phường và tổng chung (TOTAL)."
                        + " Số nhỏ hơn ngưỡng được ẩn, các số còn lại được làm tròn, để không ai bị nhận ra.",
                "How many reports residents filed each month, by category and ward, with the totals of each category, of each"
                        + " ward and overall (TOTAL). Counts under the threshold are hidden and the rest rounded, so that no one can"
                        + " be singled out.",
                "GOVE", List.of("phản ánh", "reports", "Open311"), "MONTHLY", Optional.empty(), COLUMNS,
                Optional.of(new DataOffer.PeopleCounts("month", "category", "ward", "reports"))),
                new DataOffer(RECORDS, "Phản ánh của người dân (ẩn danh)", "Residents' reports, anonymised",
                        "Mỗi phản ánh: loại, tình trạng, phường, cơ quan phụ trách, thời điểm gửi, hạn và lúc đóng, số người ủng hộ và vị trí"
                                + " (tâm một ô lưới khoảng 440 m). Không có lời người dân viết, địa chỉ, ảnh, câu trả lời hay"
                                + " người gửi: ít hơn những gì Open311 công khai về mỗi phản ánh.",
                        "Each report: category, status, ward, department, when it was filed, due and closed, supporters, and where"
                                + " (the centre of a grid cell of about 440 m). No resident's words, address, photos, answers or reporter:"
                                + " less than Open311 publishes of each report.",
                        "GOVE", List.of("phản ánh", "reports", "Open311"), "CONT", Optional.empty(), RECORD_COLUMNS, Optional.empty()));
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        switch (key) {
            case MONTHLY -> reports.monthlyCounts(tenant, zone, sink);
            case RECORDS -> {
                Map<String, ServiceDefinition> services = new HashMap<>();
                catalogue.list(tenant, false).forEach(s -> services.put(s.code(), s));
                reports.each(tenant, r -> {
                    ServiceDefinition s = services.get(r.serviceCode());
                    sink.accept(Arrays.asList(r.id(), r.serviceCode(), s == null ? r.serviceCode() : s.nameVi(),
                            s == null ? r.serviceCode() : s.nameEn(), r.status().name(), r.ward().isEmpty() ? null : r.ward(),
                            r.department().orElse(null), r.requestedAt(), r.expectedAt(), r.closedAt().orElse(null),
                            r.closedAt().map(c -> !c.isAfter(r.expectedAt())).orElse(null), r.supporters(),
                            r.lat().map(ReportsData::cell).orElse(null), r.lon().map(ReportsData::cell).orElse(null)));
                });
            }
            default -> throw new NotFoundException("no dataset '" + key + "'");
        }
    }
}
