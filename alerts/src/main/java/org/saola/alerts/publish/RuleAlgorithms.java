package org.saola.alerts.publish;

import java.util.List;
import org.saola.alerts.domain.Rule;
import org.saola.alerts.domain.RuleService;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/**
 * Every enabled alert rule of a tenant in the public algorithm register: what it watches, its condition as
 * written, how long it must hold, what it raises and for which department. A rule changed shows changed.
 */
@Component
class RuleAlgorithms implements AlgorithmSource {

    private final RuleService rules;

    RuleAlgorithms(RuleService rules) {
        this.rules = rules;
    }

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        List<Algorithm> out = new java.util.ArrayList<>();
        out.add(VN_AQI);
        rules.list(tenant).stream().filter(Rule::enabled).map(RuleAlgorithms::entry).forEach(out::add);
        return out;
    }

    /** The VN_AQI computation of the {@code vn-aqi} pack ({@code packs/VnAqi}), whose levels the maps and alerts use. */
    static final Algorithm VN_AQI = new Algorithm("vn-aqi", "Chỉ số chất lượng không khí VN_AQI",
            "Vietnam's air quality index VN_AQI", Algorithm.Automation.INFORMS, java.util.Optional.empty(),
            "Cho người dân và cán bộ biết không khí ở mỗi trạm tốt hay xấu, theo chỉ số, tên mức và màu chính thức của VN_AQI;"
                    + " khi thành phố bật gói quy tắc VN_AQI.",
            "Tells residents and staff how good or bad the air is at each station, with VN_AQI's index, level names and"
                    + " official colours; when the city switches the VN_AQI rule pack on.",
            "Nồng độ trung bình giờ của PM2.5, PM10, O3, NO2, SO2, CO đo tại các trạm quan trắc của thành phố; không có dữ liệu cá nhân.",
            "Hourly mean concentrations of PM2.5, PM10, O3, NO2, SO2 and CO measured by the city's monitoring stations; no personal data.",
            "Theo Quyết định 1459/QĐ-TCMT (2019): chỉ số của từng thông số nội suy tuyến tính giữa các điểm ngưỡng, PM2.5 và PM10"
                    + " theo NowCast 12 giờ; chỉ số giờ và ngày của trạm là chỉ số lớn nhất; sáu mức từ tốt đến nguy hại.",
            "As Decision 1459/QĐ-TCMT (2019) defines it: each parameter's index interpolated linearly between the breakpoints,"
                    + " PM2.5 and PM10 by the 12-hour NowCast; the station's hourly and daily index is the largest; six levels from"
                    + " good to hazardous.",
            "Chỉ để thông tin; các cảnh báo dựa trên nó (mức kém, rất xấu) là quy tắc cán bộ xử lý, được liệt kê dưới đây.",
            "Information only; the alerts built on it (poor, very bad) are rules staff work, listed below.",
            "Một cảm biến hỏng cho chỉ số sai. Giảm thiểu: số đo ngoài dải vật lý bị loại, cảm biến bất thường được theo dõi sức"
                    + " khỏe; một giờ thiếu số đo thì không tính chỉ số giờ đó.",
            "A faulty sensor gives a wrong index. Mitigation: readings outside the physical range are refused, sensors behaving"
                    + " oddly are caught by the health watch; an hour without enough readings gets no index.",
            List.of("/operations", "/operations/environment"));

    private static Algorithm entry(Rule r) {
        String hold = r.holdFor().isZero() ? "" : r.holdFor().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        String condition = r.condition().source();
        return new Algorithm("alert-rule-" + r.id().toString().substring(0, 8), "Quy tắc cảnh báo: " + r.name(), "Alert rule: " + r.name(),
                Algorithm.Automation.DECIDES_WITH_REVIEW, r.department(),
                "Báo sớm cho cán bộ khi điều kiện sau xảy ra: " + r.messageVi(),
                "Warns staff early when this happens: " + r.messageEn(),
                "Trạng thái mới nhất của các thực thể kiểu " + r.entityType() + " (số đo của cảm biến); không có dữ liệu cá nhân.",
                "The latest state of " + r.entityType() + " entities (sensors' readings); no personal data.",
                "Khi điều kiện " + condition + (hold.isEmpty() ? "" : " đúng liên tục trong " + hold) + ", một cảnh báo mức "
                        + r.severity() + " được đưa ra; nó tự đóng lại khi điều kiện hết đúng" + r.clearCondition().map(c -> " (" + c.source() + ")").orElse("") + ".",
                "When " + condition + (hold.isEmpty() ? " holds" : " holds for " + hold) + ", a " + r.severity()
                        + " alert is raised; it clears when the condition no longer holds" + r.clearCondition().map(c -> " (" + c.source() + ")").orElse("") + ".",
                "Quy tắc do cán bộ đặt ra; mỗi cảnh báo được trung tâm điều hành hoặc đơn vị phụ trách xác nhận, ghi chú và giải quyết.",
                "Staff set the rule; operators or the department responsible acknowledge, comment and resolve each alert.",
                "Báo thiếu hoặc báo thừa nếu ngưỡng đặt chưa đúng hoặc cảm biến hỏng. Giảm thiểu: thời gian giữ điều kiện, điều kiện đóng riêng,"
                        + " theo dõi sức khỏe cảm biến.",
                "Missed or needless alerts if a threshold is wrong or a sensor is faulty. Mitigation: hold times, a separate clear condition,"
                        + " the sensor health watch.",
                List.of("/operations/alerts", "/operations/map"));
    }
}
