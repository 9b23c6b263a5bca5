package org.saola.devices.register;

import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/** The devices module's algorithms, for the public algorithm register: the air-quality bands and the health watch. */
@Component
class DeviceAlgorithms implements AlgorithmSource {

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        return List.of(
                new Algorithm("vn-aqi-pm25", "Mức chất lượng không khí theo VN_AQI (bụi PM2.5)", "Air quality bands of VN_AQI (PM2.5)",
                        Algorithm.Automation.INFORMS, Optional.empty(),
                        "Cho người dân và cán bộ biết không khí ở mỗi trạm tốt hay xấu, bằng màu và tên mức của chỉ số VN_AQI.",
                        "Tells residents and staff how good or bad the air is at each station, with the colours and band names of Vietnam's index VN_AQI.",
                        "Nồng độ bụi PM2.5 (µg/m³) đo tại các trạm quan trắc của thành phố; không có dữ liệu cá nhân.",
                        "PM2.5 concentrations (µg/m³) measured by the city's monitoring stations; no personal data.",
                        "Mỗi số đo PM2.5 được xếp vào một mức theo các ngưỡng nồng độ tương ứng với AQI 50/100/150/200/300 của Quyết định"
                                + " 1459/QĐ-TCMT (2019): đến 25 tốt, đến 50 trung bình, đến 80 kém, đến 150 xấu, đến 250 rất xấu, trên nữa nguy hại.",
                        "Each PM2.5 reading is put in a band by the concentration breakpoints matching AQI 50/100/150/200/300 in Decision"
                                + " 1459/QĐ-TCMT (2019): up to 25 good, 50 moderate, 80 poor, 150 bad, 250 very bad, above that hazardous.",
                        "Chỉ để thông tin; các cảnh báo dựa trên nó là các quy tắc do cán bộ đặt ra và cán bộ xử lý (xem các quy tắc cảnh báo).",
                        "Information only; alerts built on it are rules staff set and staff work (see the alert rules).",
                        "Một số đo sai của cảm biến hỏng cho thấy mức sai. Giảm thiểu: số đo ngoài dải vật lý bị loại, cảm biến bất thường"
                                + " được theo dõi sức khỏe và đánh dấu trên bản đồ.",
                        "A faulty sensor's wrong reading shows a wrong band. Mitigation: readings outside the physical range are refused, and"
                                + " sensors behaving oddly are caught by the health watch and marked on the map.",
                        List.of("/operations/map", "/city/sensors")),
                new Algorithm("device-health-watch", "Theo dõi sức khỏe cảm biến", "Sensor health watch",
                        Algorithm.Automation.DECIDES_WITH_REVIEW, Optional.empty(),
                        "Phát hiện sớm cảm biến im lặng, kẹt số, đo ngoài dải, yếu pin hoặc lệch giờ, để đơn vị sở hữu sửa.",
                        "Finds sensors that fall silent, get stuck, read out of range, run low on battery or drift in time, so their owner fixes them.",
                        "Thời điểm và giá trị các số đo, mức pin và đồng hồ do chính thiết bị gửi; không có dữ liệu cá nhân.",
                        "When readings arrive and their values, the battery level and clock the device reports itself; no personal data.",
                        "Mỗi thiết bị được so với hồ sơ loại của nó: chu kỳ gửi dự kiến, dải giá trị hợp lệ, số lần lặp giá trị giống hệt;"
                                + " vi phạm thì thiết bị thành 'không ổn' và mở một việc cho đơn vị sở hữu, hồi phục thì đóng kèm thời gian gián đoạn.",
                        "Each device is compared with its kind's profile: expected reporting interval, valid range, how often an identical"
                                + " value may repeat; a breach marks it unhealthy and opens a work item for its owner, recovery closes it with the downtime.",
                        "Cán bộ quản lý thiết bị xem và xử lý từng việc; sổ đăng ký công khai cho thấy tình trạng của mọi cảm biến.",
                        "Device managers see and work each item; the public register shows every sensor's health.",
                        "Báo nhầm khi mạng chập chờn. Giảm thiểu: ngưỡng theo từng loại thiết bị, và mạng chập chờn được tính là im lặng chứ không phải hỏng.",
                        "False alarms when the network is patchy. Mitigation: thresholds per kind of device, and a patchy network counts as silence, not breakage.",
                        List.of("/city/sensors", "/operations/devices")));
    }
}
