package org.saola.indicators.publish;

import java.util.List;
import java.util.Optional;
import org.saola.indicators.domain.Indicators;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/** How the city's indicators are computed and what is kept back, in the public algorithm register. */
@Component
class IndicatorAlgorithms implements AlgorithmSource {

    private final Indicators indicators;

    IndicatorAlgorithms(Indicators indicators) {
        this.indicators = indicators;
    }

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        int t = indicators.threshold();
        return List.of(new Algorithm("city-indicators", "Tính các chỉ số của thành phố", "The city's indicators computed",
                Algorithm.Automation.INFORMS, Optional.empty(),
                "Cho người dân và chính quyền thấy thành phố đang làm tốt đến đâu so với mục tiêu, theo các khung chỉ số quốc tế (U4SSC) và của thành phố.",
                "Shows residents and the administration how the city is doing against its targets, by international frameworks (U4SSC) and its own.",
                "Số đo của các phân hệ trên dữ liệu của chính chúng (phản ánh, tham gia, dữ liệu mở, thiết bị, dịch vụ đô thị), số liệu chính thức"
                        + " (dân số, diện tích) và số liệu khảo sát do cán bộ nhập kèm nguồn. Không dùng dữ liệu cá nhân của ai.",
                "The modules' measures of their own data (reports, participation, open data, devices, city services), official figures"
                        + " (population, area) and survey figures staff enter with their source. No one's personal data.",
                "Mỗi chỉ số là một công thức công khai trên các số đo, tính cho từng kỳ (tháng, quý, năm): kỳ vừa kết thúc được ghi một lần, kỳ hiện"
                        + " tại tạm tính. Nhóm (phường, kênh, giới tính, nhóm tuổi) dựa trên ít hơn " + t + " người không được công bố; nếu chỉ một"
                        + " nhóm bị ẩn, nhóm nhỏ nhất tiếp theo cũng bị ẩn.",
                "Each indicator is a public formula over the measures, computed for each period (month, quarter, year): the period just ended"
                        + " is recorded once, the current one is provisional. A group (ward, channel, gender, age group) resting on fewer than "
                        + t + " people is not published; when only one group would be hidden, the next smallest is hidden too.",
                "Cán bộ xem và có thể tính lại kỳ hiện tại; số liệu nhập tay phải ghi nguồn và bằng chứng; mọi thay đổi có trong nhật ký kiểm tra.",
                "Staff review and can compute the current period again; figures entered by hand carry their source and evidence; every"
                        + " change is in the audit log.",
                "Số đo \"theo hiện trạng\" (ví dụ số bộ dữ liệu đã công bố) không tính lại được cho kỳ đã qua, nên chỉ ghi khi kỳ kết thúc; dữ liệu"
                        + " thiếu làm chỉ số thấp hơn thực tế. Giảm thiểu: công thức và số đầu vào được công bố cùng giá trị.",
                "A measure read \"as things stand\" (datasets published, say) cannot be measured again for a past period, so it is recorded"
                        + " when the period ends; missing data makes an indicator look worse than it is. Mitigation: the formula and its inputs"
                        + " are published with the value.",
                List.of("/city/indicators", "/operations/indicators")),
                new Algorithm("project-before-after", "So sánh chỉ số trước và sau dự án", "A project's indicators before and after",
                Algorithm.Automation.INFORMS, Optional.empty(),
                "Cho thấy các chỉ số mà một dự án thành phố thông minh hướng tới đã thay đổi thế nào sau khi dự án có hiệu lực.",
                "Shows how the indicators a smart-city project is meant to move changed after it took effect.",
                "Các giá trị đầy đủ (không tạm tính) của các chỉ số dự án nêu tên, và ngày dự án có hiệu lực.",
                "The complete (not provisional) values of the indicators the project names, and the day it took effect.",
                "Trung bình " + org.saola.indicators.projects.Projects.WINDOW + " kỳ gần nhất kết thúc trước ngày có hiệu lực so với trung bình "
                        + org.saola.indicators.projects.Projects.WINDOW + " kỳ đầu tiên bắt đầu sau ngày đó; kỳ ở giữa không tính. Tốt hơn hay kém"
                        + " hơn theo chiều tốt của chỉ số; chưa đủ số liệu khi một bên chưa có kỳ nào.",
                "The mean of the last " + org.saola.indicators.projects.Projects.WINDOW + " periods that ended by the day it took effect against"
                        + " the mean of the first " + org.saola.indicators.projects.Projects.WINDOW + " that began on or after it; the period in"
                        + " between is left out. Better or worse by the indicator's direction; not enough data while either side has none.",
                "Cơ quan phụ trách dự án và người dân đọc kết quả cùng với số liệu từng kỳ; không có quyết định tự động nào dựa trên nó.",
                "The project's department and residents read the result with every period's figures; nothing is decided automatically on it.",
                "Một so sánh trước-sau không chứng minh dự án là nguyên nhân: thời tiết, dân số, cách đo cũng thay đổi. Giảm thiểu: trang nói rõ"
                        + " điều này và công bố từng giá trị để ai cũng kiểm tra được.",
                "A before-and-after comparison does not prove the project caused the change: weather, population, how things are measured"
                        + " change too. Mitigation: the page says so and publishes every value so anyone can check.",
                List.of("/city/projects")));
    }
}
