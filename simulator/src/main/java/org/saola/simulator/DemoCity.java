package org.saola.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Đà Nẵng as a demo city: six urban districts as simple polygons (synthetic, roughly where the districts
 * lie), five air-quality stations in each and twenty-three other sensors (gauges, ten bins, lights, meters, …).
 * Deterministic, so every demo shows the same city.
 */
public final class DemoCity {

    /**
     * A district: a box of longitude/latitude, how polluted its air is on average (µg/m³ PM2.5), and how fast its
     * street bins fill on average (level per hour: fastest round the markets of the centre, slowest in the outskirts).
     */
    public record District(String slug, String name, double west, double south, double east, double north,
            double basePm25, double wastePerHour) {
        public double[][] ring() {
            return new double[][] {{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
        }
    }

    public record Station(String id, String name, District district, double latitude, double longitude) {
    }

    public static final List<District> DISTRICTS = List.of(
            new District("lien-chieu", "Liên Chiểu", 108.100, 16.060, 108.175, 16.130, 38, 0.05),
            new District("thanh-khe", "Thanh Khê", 108.175, 16.050, 108.205, 16.085, 34, 0.20),
            new District("hai-chau", "Hải Châu", 108.205, 16.020, 108.235, 16.080, 30, 0.30),
            new District("son-tra", "Sơn Trà", 108.235, 16.050, 108.300, 16.140, 18, 0.15),
            new District("ngu-hanh-son", "Ngũ Hành Sơn", 108.235, 15.960, 108.290, 16.050, 22, 0.10),
            new District("cam-le", "Cẩm Lệ", 108.160, 15.980, 108.235, 16.020, 32, 0.08));

    public static final int STATIONS_PER_DISTRICT = 5;

    private DemoCity() {
    }

    /** The departments residents and staff meet first (real names of Đà Nẵng's bodies; contacts are examples). */
    public static List<org.saola.platform.security.Department> departments() {
        List<String> wards = DISTRICTS.stream().map(District::name).toList();
        return List.of(
                new org.saola.platform.security.Department("moi-truong", "Sở Tài nguyên và Môi trường",
                        "Department of Natural Resources and Environment", java.util.Optional.of("stnmt@danang.gov.vn"),
                        java.util.Optional.of("+84 236 3822 384"), wards, List.of("air-quality", "noise", "litter", "illegal-dumping")),
                new org.saola.platform.security.Department("xay-dung", "Sở Xây dựng", "Department of Construction",
                        java.util.Optional.of("sxd@danang.gov.vn"), java.util.Optional.empty(), wards,
                        List.of("pothole", "street-light", "fallen-tree", "blocked-drain")),
                new org.saola.platform.security.Department("cap-nuoc", "Công ty Cấp nước Đà Nẵng", "Da Nang Water Supply Company",
                        java.util.Optional.of("cskh@dawaco.com.vn"), java.util.Optional.of("+84 236 3696 632"), wards,
                        List.of("water-leak", "water-quality", "flooding")));
    }

    /**
     * The demo city's own rules, their thresholds set so that the simulated city trips them within minutes: bins
     * three quarters full (they fill and are emptied, so alerts come and go), fine dust at VN_AQI's "poor" level
     * for 15 minutes. The river gauges are watched by the flood pack ({@link #PACKS}).
     */
    public static List<org.saola.alerts.RuleDraft> rules() {
        return List.of(
                new org.saola.alerts.RuleDraft("Thùng rác gần đầy / Bin nearly full", "WasteContainer", List.of(),
                        "fillingLevel >= 0.75", "fillingLevel < 0.4", "PT0S", "MINOR",
                        "Thùng rác {{id}} đã đầy {{fillingLevel}} (tỉ lệ), cần thu gom",
                        "Bin {{id}} is {{fillingLevel}} full (fraction) and needs collecting", "moi-truong", true),
                new org.saola.alerts.RuleDraft("Bụi mịn PM2.5 ở mức kém / PM2.5 at the poor level",
                        "AirQualityObserved", List.of(), "pm25 > 55.4", "pm25 <= 50.0", "PT15M", "MODERATE",
                        "PM2.5 tại {{id}} là {{pm25}} µg/m³ (mức kém) trong 15 phút",
                        "PM2.5 at {{id}} has been {{pm25}} µg/m³ (poor) for 15 minutes", "moi-truong", true,
                        List.of("department"), null),
                new org.saola.alerts.RuleDraft("Rò rỉ nước / Water leak", "WaterConsumptionObserved", List.of(),
                        "estimatedLeakage >= 150", "estimatedLeakage < 50", "PT0S", "MODERATE",
                        "Nghi rò rỉ tại {{id}}: khoảng {{estimatedLeakage}} lít mỗi ngày (lưu lượng đêm tối thiểu {{nightMinimumFlow}} lít/giờ)",
                        "Suspected leak at {{id}}: about {{estimatedLeakage}} litres a day (minimum night flow {{nightMinimumFlow}} L/h)",
                        "cap-nuoc", true, List.of("department"), null),
                new org.saola.alerts.RuleDraft("Ùn tắc bất thường / Abnormal congestion", "TrafficFlowObserved", List.of(),
                        "abnormalCongestion == true", "abnormalCongestion == false", "PT0S", "MODERATE",
                        "Ùn tắc bất thường tại {{id}}: chuyến đi lâu hơn {{congestionLevel}}% (thường ngày {{usualCongestionLevel}}%)",
                        "Abnormal congestion at {{id}}: trips take {{congestionLevel}}% longer (usually {{usualCongestionLevel}}%)",
                        null, true),
                new org.saola.alerts.RuleDraft("Đèn hỏng / Street lamp failed", "Streetlight", List.of(),
                        "lampCondition == 'LAMP_FAILED'", "lampCondition == 'OK'", "PT0S", "MINOR",
                        "Đèn {{id}} bật nhưng gần như không tiêu thụ điện đêm qua: bóng đã hỏng, cần thay",
                        "Light {{id}} was on but drew almost nothing last night: its lamp has failed and needs replacing",
                        "xay-dung", true));
    }

    /**
     * The flood alarm levels I, II and III (metres) of the demo's river gauges, which the flood pack compares each
     * gauge's water with: level I is reached at some high tides, II and III in the flood scenario.
     */
    static final double[] ALARM_LEVELS = {1.6, 2.2, 2.6};

    /**
     * The demo city's waste collection: one depot, three trucks of 10 000 litres on a six-hour shift, rounds every
     * two hours (a real city's are daily; two hours lets a visitor see a round planned, driven and the next one),
     * the solver given five seconds.
     */
    static org.saola.domains.waste.Fleet fleet() {
        return new org.saola.domains.waste.Fleet(
                List.of(new org.saola.domains.waste.Fleet.Depot("urenco-cam-le", "Bãi xe môi trường Cẩm Lệ (minh họa)", 16.035, 108.195)),
                List.of(truck("43C-101.01", "Xe ép rác 1"), truck("43C-101.02", "Xe ép rác 2"), truck("43C-101.03", "Xe ép rác 3")),
                "PT2H", 0.9, 660, 1.3, 22.0, 2.0, 5);
    }

    private static org.saola.domains.waste.Fleet.TruckSpec truck(String plate, String name) {
        return new org.saola.domains.waste.Fleet.TruckSpec(plate, name, "urenco-cam-le", 10_000L, "05:00", "11:00");
    }

    /**
     * The leaks planted in the demo's water network: two households with one behind their meter (a running
     * cistern, a burst pipe), and Thanh Khê's own pipes losing 300 litres an hour.
     */
    static final java.util.Map<String, Double> HOUSEHOLD_LEAKS = java.util.Map.of("dn-son-tra-water-meter-2", 25.0,
            "dn-hai-chau-water-meter-1", 8.0);
    static final java.util.Map<String, Double> NETWORK_LEAKS = java.util.Map.of("thanh-khe", 300.0);

    /**
     * The demo city's street lighting: nights counted from 17:00 to 07:00, and its dimming schedule sent to the lights
     * as commands: full at dusk, half from 23:00, full again at 04:30, off at dawn.
     */
    static org.saola.domains.lighting.LightingSettings lighting() {
        return new org.saola.domains.lighting.LightingSettings("17:00", "07:00", List.of(
                new org.saola.domains.lighting.LightingSettings.Step("17:45", 1.0),
                new org.saola.domains.lighting.LightingSettings.Step("23:00", 0.5),
                new org.saola.domains.lighting.LightingSettings.Step("04:30", 1.0),
                new org.saola.domains.lighting.LightingSettings.Step("05:45", 0.0)));
    }

    /** The street light whose lamp has burnt out: it switches on but draws almost nothing. */
    static final String FAILED_LAMP = "dn-son-tra-street-light-2";

    /** The traffic counter whose road an accident has slowed since an hour and a half before the demo starts. */
    static final String INCIDENT_COUNTER = "dn-hai-chau-traffic-counter-1";

    /** The meter at the inlet of a district's water network (each district is one metered area in the demo). */
    static String inletOf(District d) {
        return "dn-" + d.slug() + "-water-inlet-1";
    }

    /** The demo's water network: each district a metered area, its inlet meter, its two metered households. */
    static org.saola.domains.water.WaterSettings waterSettings() {
        List<org.saola.domains.water.WaterSettings.District> districts = new ArrayList<>();
        for (District d : DISTRICTS) {
            List<List<Double>> ring = new ArrayList<>();
            for (double[] p : d.ring()) {
                ring.add(List.of(p[0], p[1]));
            }
            districts.add(new org.saola.domains.water.WaterSettings.District(d.slug(), d.name(),
                    "urn:ngsi-ld:WaterConsumptionObserved:" + inletOf(d),
                    java.util.Map.of("type", "Polygon", "coordinates", List.of(ring)), 2, 0.0));
        }
        return new org.saola.domains.water.WaterSettings(districts, "01:00", "05:00", 2.0, 100.0);
    }

    /** The rule packs the demo city has on: VN_AQI on its stations, the flood alarm levels on its gauges. */
    static final List<String> PACKS = List.of("vn-aqi", "flood");

    /** A sensor of one of the other shipped profiles; {@code gateway}: the device that sends its readings for it. */
    public record Sensor(String id, String name, String profile, District district, double latitude, double longitude,
            java.util.Optional<String> gateway) {
    }

    /** How many sensors of each other shipped profile each district has, and what residents call them. */
    static final List<Object[]> SENSORS_PER_DISTRICT = List.of(
            new Object[] {"water-level", 1, "Trạm mực nước"},
            new Object[] {"waste-container", 10, "Thùng rác"},
            new Object[] {"noise", 1, "Cảm biến tiếng ồn"},
            new Object[] {"street-light", 3, "Đèn đường"},
            new Object[] {"water-meter", 2, "Đồng hồ nước"},
            new Object[] {"weather", 1, "Trạm khí tượng"},
            new Object[] {"parking-spot", 3, "Chỗ đỗ xe"},
            new Object[] {"traffic-counter", 1, "Đếm xe"},
            new Object[] {"gateway", 1, "Cổng kết nối"});

    /**
     * 138 sensors, twenty-three in each district (among them a gateway, which sends the readings of the district's
     * parking sensors for them); deterministic like the stations.
     */
    public static List<Sensor> sensors() {
        Random random = new Random(2027);
        List<Sensor> sensors = new ArrayList<>();
        for (District d : DISTRICTS) {
            for (Object[] kind : SENSORS_PER_DISTRICT) {
                String profile = (String) kind[0];
                for (int i = 1; i <= (Integer) kind[1]; i++) {
                    double lat = d.south() + (0.1 + 0.8 * random.nextDouble()) * (d.north() - d.south());
                    double lon = d.west() + (0.1 + 0.8 * random.nextDouble()) * (d.east() - d.west());
                    sensors.add(new Sensor("dn-" + d.slug() + "-" + profile + "-" + i, kind[2] + " " + d.name() + " " + i,
                            profile, d, Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5,
                            profile.equals("parking-spot") ? java.util.Optional.of(gatewayOf(d)) : java.util.Optional.empty()));
                }
            }
        }
        return List.copyOf(sensors);
    }

    /** The id of a district's gateway. */
    static String gatewayOf(District d) {
        return "dn-" + d.slug() + "-gateway-1";
    }

    /**
     * The demo city's devices that go wrong, one of each way, so that a new user sees the health watch at work
     * within minutes: a station falls silent (silent after 3 missed minutes), a weather station is stuck, a river
     * gauge sends impossible levels, a traffic counter's clock is behind, a parking sensor's battery is nearly flat,
     * a noise sensor's values jump (within range: the watch does not call that unhealthy; its history shows it).
     */
    static java.util.Map<String, SensorModel.Misbehaviour> misbehaving() {
        return java.util.Map.of(
                "dn-son-tra-2", SensorModel.Misbehaviour.SILENT,
                "dn-cam-le-weather-1", SensorModel.Misbehaviour.STUCK,
                "dn-lien-chieu-water-level-1", SensorModel.Misbehaviour.OUT_OF_RANGE,
                "dn-thanh-khe-traffic-counter-1", SensorModel.Misbehaviour.CLOCK_SKEW,
                "dn-ngu-hanh-son-parking-spot-1", SensorModel.Misbehaviour.LOW_BATTERY,
                "dn-son-tra-noise-1", SensorModel.Misbehaviour.NOISY);
    }

    /** Who owns each kind of the demo city's sensors and why they are there, as the public register shows it. */
    public static org.saola.devices.Stewardship stewardship(String profile) {
        String department = switch (profile) {
            case "air-quality", "noise", "weather", "waste-container" -> "moi-truong";
            case "water-level", "water-meter", "water-inlet" -> "cap-nuoc";
            default -> "xay-dung";
        };
        String purpose = switch (profile) {
            case "air-quality" -> "Đo bụi mịn và khí ô nhiễm để cảnh báo người dân / measures fine dust and pollutant gases to warn residents";
            case "noise" -> "Theo dõi tiếng ồn đường phố / monitors street noise";
            case "weather" -> "Quan trắc thời tiết cho dự báo và cảnh báo mưa lớn / weather observations for forecasts and heavy-rain warnings";
            case "waste-container" -> "Báo mức đầy của thùng rác để tối ưu tuyến thu gom / reports bin fill levels to plan collection rounds";
            case "water-level" -> "Đo mực nước sông, kênh để cảnh báo ngập lụt / measures river and canal levels for flood warnings";
            case "water-meter" -> "Đọc chỉ số nước từ xa và phát hiện rò rỉ / remote meter reading and leak detection";
            case "water-inlet" -> "Đo lượng nước vào khu vực để phát hiện rò rỉ trên đường ống / measures what flows into a district to find leaks in its pipes";
            case "street-light" -> "Điều khiển và giám sát đèn đường / controls and monitors street lighting";
            case "parking-spot" -> "Cho biết chỗ đỗ xe còn trống / shows free parking spaces";
            case "gateway" -> "Chuyển dữ liệu của các cảm biến gần đó / relays the readings of nearby sensors";
            default -> "Đếm lưu lượng xe để điều tiết giao thông / counts vehicles to manage traffic";
        };
        boolean personal = profile.equals("water-meter");
        return new org.saola.devices.Stewardship(java.util.Optional.of(department), java.util.Optional.empty(), purpose,
                personal ? "Lượng nước tiêu thụ của hộ gia đình gắn với hợp đồng cấp nước / a household's water use, linked to its supply contract" : "",
                personal ? "Hợp đồng cấp nước; Nghị định 13/2023/NĐ-CP / the water supply contract; Decree 13/2023/ND-CP" : "",
                personal ? java.time.Period.ofYears(2) : java.time.Period.ofYears(5),
                java.util.Optional.of(java.time.LocalDate.of(2025, 3, 1)), org.saola.devices.Stewardship.Status.ACTIVE);
    }

    /** Cameras and a counter that send nothing to Saola but are in the public register, as residents need to know. */
    public static List<org.saola.devices.register.ListedSensor> listedSensors() {
        List<org.saola.devices.register.ListedSensor> out = new ArrayList<>();
        Random random = new Random(2028);
        for (District d : DISTRICTS) {
            for (int i = 1; i <= 2; i++) {
                double lat = d.south() + (0.2 + 0.6 * random.nextDouble()) * (d.north() - d.south());
                double lon = d.west() + (0.2 + 0.6 * random.nextDouble()) * (d.east() - d.west());
                out.add(new org.saola.devices.register.ListedSensor("dn-" + d.slug() + "-cctv-" + i,
                        "Camera giám sát ngã tư " + d.name() + " " + i, org.saola.devices.register.ListedSensor.Kind.CCTV_CAMERA,
                        "Hình ảnh người và phương tiện tại ngã tư / images of people and vehicles at the crossing",
                        Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5,
                        new org.saola.devices.Stewardship(java.util.Optional.empty(),
                                java.util.Optional.of("Công an thành phố Đà Nẵng / Da Nang City Police"),
                                "An ninh trật tự và an toàn giao thông / public order and road safety",
                                "Hình ảnh khuôn mặt và biển số xe / faces and number plates",
                                "Luật Công an nhân dân; Nghị định 13/2023/NĐ-CP / Law on the People's Public Security; Decree 13/2023/ND-CP",
                                java.time.Period.ofDays(30), java.util.Optional.of(java.time.LocalDate.of(2024, 9, 1)),
                                org.saola.devices.Stewardship.Status.ACTIVE)));
            }
        }
        out.add(new org.saola.devices.register.ListedSensor("dn-han-river-mall-counter", "Đếm khách trung tâm thương mại ven sông Hàn",
                org.saola.devices.register.ListedSensor.Kind.PEOPLE_COUNTER,
                "Số người qua cửa, không lưu hình ảnh / people passing the doors, no images kept", 16.0715, 108.2245,
                new org.saola.devices.Stewardship(java.util.Optional.empty(),
                        java.util.Optional.of("Trung tâm thương mại ven sông Hàn (tư nhân) / a private riverside mall"),
                        "Đo lượng khách để bố trí nhân viên / footfall for staffing", "", "", java.time.Period.ofYears(1),
                        java.util.Optional.of(java.time.LocalDate.of(2025, 6, 1)), org.saola.devices.Stewardship.Status.ACTIVE)));
        return List.copyOf(out);
    }

    public static List<Station> stations() {
        Random random = new Random(2026);
        List<Station> stations = new ArrayList<>();
        for (District d : DISTRICTS) {
            for (int i = 1; i <= STATIONS_PER_DISTRICT; i++) {
                double lat = d.south() + (0.15 + 0.7 * random.nextDouble()) * (d.north() - d.south());
                double lon = d.west() + (0.15 + 0.7 * random.nextDouble()) * (d.east() - d.west());
                stations.add(new Station("dn-" + d.slug() + "-" + i, "Trạm " + d.name() + " " + i, d,
                        Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5));
            }
        }
        return List.copyOf(stations);
    }
}
