package org.saola.devices.register;

import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/** The devices module's algorithm, for the public algorithm register: the health watch. */
@Component
class DeviceAlgorithms implements AlgorithmSource {

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        return List.of(
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
