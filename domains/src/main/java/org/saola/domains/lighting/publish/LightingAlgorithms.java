package org.saola.domains.lighting.publish;

import java.util.List;
import java.util.Optional;
import org.saola.domains.lighting.LightNights;
import org.saola.domains.lighting.LightingWatch;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/** The street lights' energy and failed-lamp finder in the public algorithm register, for a city that uses it. */
@Component
class LightingAlgorithms implements AlgorithmSource {

    private final LightingWatch watch;

    LightingAlgorithms(LightingWatch watch) {
        this.watch = watch;
    }

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        if (!watch.watching(tenant)) {
            return List.of();
        }
        int below = (int) Math.round(LightNights.FAILED_BELOW * 100);
        int above = (int) Math.round(LightNights.OVER_ABOVE * 100);
        return List.of(new Algorithm("street-lighting-nights", "Điện năng đèn đường và phát hiện bóng hỏng",
                "Street lights' energy and failed lamps", Algorithm.Automation.INFORMS, Optional.empty(),
                "Cho biết đèn đường dùng bao nhiêu điện mỗi đêm, tiết kiệm được bao nhiêu nhờ giảm độ sáng, và đèn nào cần sửa.",
                "Shows how much energy the street lights use each night, what dimming saves, and which lights need repair.",
                "Trạng thái bật/tắt và công suất do đèn báo (powerState, powerConsumption), vị trí đèn, ranh giới phường; không có dữ liệu cá nhân.",
                "The on/off state and power the lights report (powerState, powerConsumption), where they are, the wards' boundaries;"
                        + " no personal data.",
                "Điện năng = công suất tích phân theo thời gian trong đêm (quy tắc hình thang). Mức cơ sở = công suất tối đa của chính đèn đó"
                        + " (phân vị 95 khi bật) × số giờ bật. Đèn báo đang bật mà công suất dưới " + below + "% mức thường của các đèn đang bật"
                        + " là bóng hỏng; trên " + above + "% là lỗi bộ nguồn.",
                "Energy = power integrated over the night (trapezoid rule). Baseline = the light's own full power (95th percentile"
                        + " while lit) × hours lit. A light reported lit but drawing under " + below + " % of what lit lamps usually draw"
                        + " has a failed lamp; over " + above + " %, a driver fault.",
                "Đơn vị quản lý chiếu sáng xem danh sách đèn cần sửa và cử người kiểm tra.",
                "The lighting department reviews the lights to repair and sends a crew to check.",
                "Đèn báo sai trạng thái có thể bị nghi nhầm. Giảm thiểu: kiểm tra tại chỗ trước khi thay.",
                "A light that reports a wrong state can be suspected wrongly. Mitigation: checked on site before replacing.",
                List.of("/operations/lighting", "/operations/alerts")));
    }
}
