package org.saola.domains.water.publish;

import java.util.List;
import java.util.Optional;
import org.saola.domains.water.LeakDetector;
import org.saola.domains.water.WaterSettings;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/** The leak finder in the public algorithm register, for a city that has set up its metered districts. */
@Component
class WaterAlgorithms implements AlgorithmSource {

    private final LeakDetector detector;

    WaterAlgorithms(LeakDetector detector) {
        this.detector = detector;
    }

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        WaterSettings s = detector.settings(tenant);
        if (s.districts().isEmpty()) {
            return List.of();
        }
        return List.of(new Algorithm("water-leaks-night-flow", "Phát hiện rò rỉ nước từ lưu lượng ban đêm",
                "Water leaks from night flows", Algorithm.Automation.INFORMS, Optional.empty(),
                "Tìm nơi mất nước (sau đồng hồ của khách hàng hoặc trên đường ống của khu vực) để công ty cấp nước sửa sớm.",
                "Finds where water is lost (behind a customer's meter or in a district's pipes) so the water company repairs it early.",
                "Chỉ số cộng dồn của đồng hồ nước khách hàng và đồng hồ tổng đầu vào các khu vực, vị trí đồng hồ, ranh giới khu vực."
                        + " Chỉ số của hộ gia đình là dữ liệu cá nhân: chỉ cán bộ xem được, không công bố.",
                "The cumulative counts of customers' meters and of the districts' inlet meters, where the meters are, the districts'"
                        + " boundaries. A household's counts are personal data: staff only, never published.",
                "Lưu lượng từng giờ từ chỉ số. Đồng hồ khách hàng không giờ nào trong đêm (" + s.nightStart() + "–" + s.nightEnd()
                        + ") dưới " + s.continuousFlowLitresPerHour() + " lít/giờ là có rò rỉ, mất khoảng 24 lần lưu lượng đêm tối thiểu mỗi ngày."
                        + " Khu vực: lượng vào lúc ít nhất trong đêm trừ lượng khách hàng dùng trong giờ đó là lượng mất trên đường ống.",
                "Hourly flows from the counts. A customer's meter that never fell below " + s.continuousFlowLitresPerHour()
                        + " L/h in any hour of the night (" + s.nightStart() + "–" + s.nightEnd() + ") has a leak, losing about 24 times"
                        + " its minimum night flow a day. A district: its inflow at the night's quietest hour less what its customers used"
                        + " in that hour is lost from its pipes.",
                "Công ty cấp nước xem danh sách xếp hạng và các cảnh báo, cử người kiểm tra trước khi sửa hay báo khách hàng.",
                "The water company reviews the ranking and the alerts and sends someone to check before repairing or telling the customer.",
                "Hộ dùng nước về đêm (ca đêm, bể chứa) bị nghi nhầm; đồng hồ thiếu số đo thì không được đánh giá. Giảm thiểu: kiểm tra tại chỗ,"
                        + " ngưỡng chỉnh được, đêm thiếu số đo được ghi rõ.",
                "A household that uses water at night (night shifts, a storage tank) is suspected wrongly; a meter with a missing hour is"
                        + " not judged. Mitigation: checked on site, adjustable thresholds, nights with missing readings stated.",
                List.of("/operations/water", "/operations/alerts")));
    }
}
