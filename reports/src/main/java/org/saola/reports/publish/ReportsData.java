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
                Optional.of(new DataOffer.PeopleCounts("month", "category", "ward", "reports"))));
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        if (!key.equals(MONTHLY)) {
            throw new NotFoundException("no dataset '" + key + "'");
        }
        reports.monthlyCounts(tenant, zone, sink);
    }
}
