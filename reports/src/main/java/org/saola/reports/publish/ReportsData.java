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
import org.saola.reports.store.ReportStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Residents' reports offered to the open-data catalogue: how many were filed each month, by category and ward.
 * Counts of what residents did, so marked for disclosure control: the catalogue hides small counts and rounds
 * the rest before anything is published.
 */
@Component
class ReportsData implements PublishedData {

    static final String MONTHLY = "reports.monthly-counts";
    static final String ANONYMISED = "reports.anonymised";
    /** The grid reports' points are generalised to: cells of 0.0025° of latitude (278 m) by as many metres of longitude. */
    static final double GRID_DEGREES = 0.0025;
    private static final List<DataColumn> ANONYMISED_COLUMNS = List.of(
            DataColumn.of("report", DataColumn.Type.INT, "Số phản ánh", "Report number"),
            DataColumn.of("category", DataColumn.Type.TEXT, "Loại phản ánh", "Category"),
            DataColumn.of("status", DataColumn.Type.TEXT, "Trạng thái", "Status"),
            DataColumn.of("filed_on", DataColumn.Type.DATE, "Ngày gửi", "Filed on"),
            DataColumn.of("closed_on", DataColumn.Type.DATE, "Ngày đóng", "Closed on"),
            DataColumn.of("ward", DataColumn.Type.TEXT, "Phường", "Ward"),
            DataColumn.of("latitude", DataColumn.Type.NUMERIC, "Vĩ độ (tâm ô lưới ~250 m)", "Latitude (centre of a ~250 m grid cell)"),
            DataColumn.of("longitude", DataColumn.Type.NUMERIC, "Kinh độ (tâm ô lưới ~250 m)", "Longitude (centre of a ~250 m grid cell)"));
    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("month", DataColumn.Type.DATE, "Tháng", "Month"),
            DataColumn.of("category", DataColumn.Type.TEXT, "Loại phản ánh", "Category"),
            DataColumn.of("ward", DataColumn.Type.TEXT, "Phường", "Ward"),
            DataColumn.of("reports", DataColumn.Type.INT, "Số phản ánh", "Reports"));

    private final ReportStore reports;
    private final ZoneId zone;

    ReportsData(ReportStore reports, @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.reports = reports;
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
                new DataOffer(ANONYMISED, "Phản ánh của người dân (ẩn danh)", "Residents' reports (anonymised)",
                        "Mọi phản ánh: số, loại, trạng thái, ngày gửi và ngày đóng, phường, và với các loại công khai vị trí, tâm ô lưới khoảng 250 m"
                                + " chứa nó. Không có nội dung, ảnh, tên hay liên lạc của người gửi.",
                        "Every report: its number, category, status, the days it was filed and closed, its ward and, for categories that show"
                                + " their place, the centre of the ~250 m grid cell it is in. No words, photos, name or contact of the reporter.",
                        "GOVE", List.of("phản ánh", "reports", "Open311"), "DAILY", Optional.empty(), ANONYMISED_COLUMNS, Optional.empty()));
    }

    /** A point moved to the centre of its grid cell: 0.0025° of latitude, and of longitude as many metres at that latitude. */
    static double[] generalise(double lat, double lon) {
        double cellLat = (Math.floor(lat / GRID_DEGREES) + 0.5) * GRID_DEGREES;
        double lonStep = GRID_DEGREES / Math.max(0.1, Math.cos(Math.toRadians(cellLat)));
        double cellLon = (Math.floor(lon / lonStep) + 0.5) * lonStep;
        return new double[] {Math.round(cellLat * 1e6) / 1e6, Math.round(cellLon * 1e6) / 1e6};
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        if (key.equals(ANONYMISED)) {
            reports.anonymised(tenant, zone, row -> {
                if (row.get(6) != null) {
                    double[] cell = generalise((Double) row.get(6), (Double) row.get(7));
                    row.set(6, java.math.BigDecimal.valueOf(cell[0]));
                    row.set(7, java.math.BigDecimal.valueOf(cell[1]));
                }
                sink.accept(row);
            });
            return;
        }
        if (!key.equals(MONTHLY)) {
            throw new NotFoundException("no dataset '" + key + "'");
        }
        reports.monthlyCounts(tenant, zone, sink);
    }
}
