package org.saola.domains.traffic.publish;

import java.util.List;
import java.util.Optional;
import org.saola.domains.traffic.CongestionWatch;
import org.saola.domains.traffic.TrafficSettings;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/** The congestion index in the public algorithm register, for a city that watches its traffic. */
@Component
class TrafficAlgorithms implements AlgorithmSource {

    private final CongestionWatch watch;

    TrafficAlgorithms(CongestionWatch watch) {
        this.watch = watch;
    }

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        if (!watch.watching(tenant)) {
            return List.of();
        }
        TrafficSettings s = watch.settings(tenant);
        return List.of(new Algorithm("traffic-congestion-index", "Chỉ số ùn tắc giao thông so với thường ngày",
                "Traffic congestion against each road's usual", Algorithm.Automation.INFORMS, Optional.empty(),
                "Cho biết đường nào, giờ nào tắc, và báo sớm khi một đoạn đường tắc bất thường (tai nạn, sự cố) để điều tiết kịp thời.",
                "Shows which roads are congested and when, and warns early when a road is abnormally congested (an accident, an"
                        + " incident) so traffic can be managed in time.",
                "Tốc độ trung bình do các thiết bị đếm xe đo (thuộc tính averageVehicleSpeed); không có dữ liệu cá nhân, không nhận dạng phương tiện.",
                "The average speeds the traffic counters measure (averageVehicleSpeed); no personal data, no vehicle identified.",
                "Tốc độ khi thông thoáng của mỗi đoạn là phân vị 85 của tốc độ theo giờ trong " + s.lookbackDays() + " ngày qua; mức ùn tắc"
                        + " của một giờ = (tốc độ thông thoáng ÷ tốc độ − 1) × 100%; mức thường ngày là trung vị của cùng giờ đó trong các ngày làm"
                        + " việc (hoặc cuối tuần) trước; bất thường khi cao hơn thường ngày " + s.abnormalPoints() + " điểm và ít nhất "
                        + s.abnormalLevel() + "%.",
                "A segment's free-flow speed is the 85th percentile of its hourly speeds over the last " + s.lookbackDays() + " days; an"
                        + " hour's congestion level = (free-flow speed ÷ speed − 1) × 100 %; its usual level is the median of that hour on the"
                        + " working days (or weekend days) before; abnormal when " + s.abnormalPoints() + " points above its usual and at least "
                        + s.abnormalLevel() + " %.",
                "Trung tâm điều hành xem cảnh báo và quyết định xử lý; ngưỡng do thành phố đặt.",
                "The operations centre reviews each alert and decides what to do; the city sets the thresholds.",
                "Thiết bị đếm hỏng hoặc lệch giờ làm sai mức ùn tắc; ngày lễ khác ngày thường. Giảm thiểu: theo dõi sức khỏe thiết bị,"
                        + " giờ thiếu số đo không được đánh giá, xem xét của con người.",
                "A faulty or mistimed counter gives wrong levels; holidays are not ordinary days. Mitigation: the device health"
                        + " watch, hours without enough readings not judged, people review each alert.",
                List.of("/operations/traffic", "/operations/alerts")));
    }
}
