package org.saola.domains.waste.publish;

import java.util.List;
import java.util.Optional;
import org.saola.domains.waste.Fleet;
import org.saola.domains.waste.WastePlanner;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/**
 * The waste round planner in the public algorithm register, for a city that has set up its fleet: which bins a
 * round visits and how its routes are made (docs/domains.md), with the city's own settings.
 */
@Component
class WasteAlgorithms implements AlgorithmSource {

    private final WastePlanner planner;

    WasteAlgorithms(WastePlanner planner) {
        this.planner = planner;
    }

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        Fleet fleet = planner.fleet(tenant);
        if (fleet.trucks().isEmpty()) {
            return List.of();
        }
        int full = (int) Math.round(fleet.fullAt() * 100);
        return List.of(new Algorithm("waste-collection-rounds", "Lập tuyến thu gom rác theo mức đầy của thùng",
                "Waste collection rounds from the bins' fill levels", Algorithm.Automation.INFORMS, Optional.empty(),
                "Mỗi chuyến thu gom chỉ ghé những thùng sẽ đầy trước chuyến sau, theo tuyến ngắn nhất trong tải trọng và ca làm việc của xe:"
                        + " bớt quãng đường, nhiên liệu và rác tràn ra đường.",
                "Each collection round visits only the bins that will be full before the next one, by the shortest routes within"
                        + " the trucks' capacity and shift: fewer kilometres, less fuel, no overflowing bins.",
                "Mức đầy do cảm biến của thùng rác gửi (thuộc tính fillingLevel), vị trí các thùng, bãi xe và đội xe; không có dữ liệu cá nhân.",
                "The fill levels the bins' sensors send (fillingLevel), where the bins are, the depots and the fleet; no personal data.",
                "Tốc độ đầy của mỗi thùng là độ dốc của đường thẳng khớp nhất (bình phương tối thiểu) qua các số đo từ lần đổ gần nhất; thùng"
                        + " được ghé nếu mức dự kiến lúc chuyến sau đạt " + full + "%, hoặc nếu không gửi số đo gần đây. Tuyến được lập bằng cách"
                        + " quét theo góc quanh bãi xe, đi thùng gần nhất kế tiếp, gỡ các đoạn cắt nhau (2-opt), rồi cải thiện bằng Timefold Solver"
                        + " trong giới hạn tải trọng và ca; so sánh với chuyến ghé mọi thùng.",
                "A bin's fill rate is the slope of the least-squares line through its readings since it was last emptied; a bin is"
                        + " visited when its level expected at the next round reaches " + full + "%, or when it has sent no recent reading."
                        + " Routes are made by sweeping round the depot, driving to the nearest bin next and uncrossing legs (2-opt),"
                        + " then improved by Timefold Solver within capacity and shift; compared with a round visiting every bin.",
                "Cán bộ điều hành xem kế hoạch trước khi xe chạy, có thể lập lại; phiếu tuyến được in cho tổ thu gom; thùng được xác nhận đã đổ"
                        + " khi mức đầy giảm.",
                "Operators see the plan before the trucks leave and can plan again; crews get printed route sheets; bins are"
                        + " confirmed emptied when their level drops.",
                "Cảm biến hỏng có thể làm bỏ sót thùng đầy hoặc ghé thùng vơi. Giảm thiểu: thùng không gửi số đo thì luôn được ghé; theo dõi"
                        + " sức khỏe cảm biến; cảnh báo thùng đầy.",
                "A faulty sensor can make a round miss a full bin or visit an empty one. Mitigation: a bin that sends nothing is always"
                        + " visited; the sensor health watch; the bin-full alert rule.",
                List.of("/operations/waste")));
    }
}
