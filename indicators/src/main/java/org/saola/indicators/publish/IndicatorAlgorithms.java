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
                List.of("/city/indicators", "/operations/indicators")));
    }
}
