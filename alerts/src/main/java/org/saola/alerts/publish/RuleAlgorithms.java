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
        return rules.list(tenant).stream().filter(Rule::enabled).map(RuleAlgorithms::entry).toList();
    }

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
