package org.saola.reports.publish;

import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/** The reports module's automated step, for the public algorithm register: routing a report to a department. */
@Component
class ReportAlgorithms implements AlgorithmSource {

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        return List.of(new Algorithm("report-routing", "Chuyển phản ánh đến đơn vị phụ trách", "Routing reports to the department responsible",
                Algorithm.Automation.DECIDES_WITH_REVIEW, Optional.empty(),
                "Đưa mỗi phản ánh của người dân đến đúng đơn vị ngay khi gửi, không phải chờ ai phân loại.",
                "Sends each resident's report to the right department as soon as it is filed, without waiting for someone to sort it.",
                "Loại phản ánh người dân chọn và phường của phản ánh; không dùng tên hay liên lạc của người gửi.",
                "The category the resident chose and the report's ward; the reporter's name and contact are not used.",
                "Danh mục dịch vụ ghi, cho mỗi loại, đơn vị phụ trách và nếu cần đơn vị riêng cho từng phường: phản ánh đi đến đơn vị"
                        + " của phường nó, nếu không có thì đến đơn vị của loại. Thời hạn xử lý của loại được gắn vào phản ánh.",
                "The service catalogue names, for each category, the department responsible and, where needed, one per ward: a report"
                        + " goes to its ward's department, or else to the category's. The category's target time is set on the report.",
                "Cán bộ có thể chuyển phản ánh sang đơn vị khác hoặc giao cho người khác; mọi bước được ghi và người gửi được báo.",
                "Staff can reassign a report to another department or person; every step is recorded and the reporter is told.",
                "Phản ánh chọn sai loại đến sai đơn vị. Giảm thiểu: cán bộ chuyển lại, danh mục có mô tả và từ khóa để chọn đúng.",
                "A report filed under the wrong category reaches the wrong department. Mitigation: staff reassign it; the catalogue"
                        + " has descriptions and keywords to help residents choose.",
                List.of("/city/reports/new", "/operations/reports")));
    }
}
