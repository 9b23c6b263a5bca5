package org.saola.devices.register;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.publish.DataOffer;
import org.saola.platform.publish.PublishedData;
import org.springframework.stereotype.Component;

/**
 * The public sensor register offered to the open-data catalogue, row for row what the register page shows
 * ({@link SensorRegister.PublicSensor}, which has no place for a credential, a topic or an internal note).
 */
@Component
class SensorRegisterData implements PublishedData {

    static final String KEY = "devices.sensor-register";
    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("sensor_id", DataColumn.Type.TEXT, "Mã cảm biến", "Sensor id"),
            DataColumn.of("name", DataColumn.Type.TEXT, "Tên", "Name"),
            DataColumn.of("kind", DataColumn.Type.TEXT, "Loại", "Kind"),
            DataColumn.of("kind_name", DataColumn.Type.TEXT, "Tên loại", "Kind's name"),
            DataColumn.of("measures", DataColumn.Type.TEXT, "Đo gì", "What it measures"),
            DataColumn.of("connected", DataColumn.Type.BOOL, "Kết nối với Saola", "Connected to Saola"),
            DataColumn.of("latitude", DataColumn.Type.NUMERIC, "Vĩ độ", "Latitude"),
            DataColumn.of("longitude", DataColumn.Type.NUMERIC, "Kinh độ", "Longitude"),
            DataColumn.of("owner", DataColumn.Type.TEXT, "Chủ sở hữu", "Owner"),
            DataColumn.of("owner_name", DataColumn.Type.TEXT, "Tên chủ sở hữu", "Owner's name"),
            DataColumn.of("purpose", DataColumn.Type.TEXT, "Mục đích", "Purpose"),
            DataColumn.of("collects_personal_data", DataColumn.Type.BOOL, "Thu thập dữ liệu cá nhân", "Collects personal data"),
            DataColumn.of("personal_data", DataColumn.Type.TEXT, "Dữ liệu cá nhân", "Personal data collected"),
            DataColumn.of("legal_basis", DataColumn.Type.TEXT, "Cơ sở pháp lý", "Legal basis"),
            DataColumn.of("retention", DataColumn.Type.TEXT, "Thời gian lưu", "Retention"),
            DataColumn.of("installed_on", DataColumn.Type.TEXT, "Ngày lắp đặt", "Installed on"),
            DataColumn.of("status", DataColumn.Type.TEXT, "Trạng thái", "Status"),
            DataColumn.of("health", DataColumn.Type.TEXT, "Tình trạng hoạt động", "Health"));

    private final SensorRegister register;

    SensorRegisterData(SensorRegister register) {
        this.register = register;
    }

    @Override
    public List<DataOffer> offers(TenantId tenant) {
        return List.of(new DataOffer(KEY, "Danh bạ cảm biến công khai", "Public sensor register",
                "Mọi cảm biến của thành phố, có kết nối với Saola hay không: đo gì, ở đâu, của ai, để làm gì, có thu thập dữ liệu cá nhân"
                        + " không và lưu bao lâu.",
                "Every sensor of the city, connected to Saola or not: what it measures, where, whose it is, why, whether it collects"
                        + " personal data and how long its data are kept.",
                "GOVE", List.of("cảm biến", "sensors", "transparency"), "DAILY", Optional.empty(), COLUMNS, Optional.empty()));
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        if (!key.equals(KEY)) {
            throw new NotFoundException("no dataset '" + key + "'");
        }
        for (SensorRegister.PublicSensor s : register.list(tenant, SensorRegister.Filter.NONE)) {
            sink.accept(Arrays.asList(s.id(), s.name(), s.kind().id(), s.kind().nameVi(), String.join(", ", s.kind().measures()),
                    s.connected(), BigDecimal.valueOf(s.latitude()), BigDecimal.valueOf(s.longitude()), s.owner().code(),
                    s.owner().nameVi(), s.purpose(), s.collectsPersonalData(), s.personalData(), s.legalBasis(), s.retention(),
                    s.installedOn(), s.status(), s.health().status()));
        }
    }
}
