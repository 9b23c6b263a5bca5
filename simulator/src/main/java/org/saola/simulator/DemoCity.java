package org.saola.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Đà Nẵng as a demo city: six urban districts as simple polygons (synthetic, roughly where the districts
 * lie) and five air-quality stations in each. Deterministic, so every demo shows the same city.
 */
public final class DemoCity {

    /** A district: a box of longitude/latitude, and how polluted its air is on average (µg/m³ PM2.5). */
    public record District(String slug, String name, double west, double south, double east, double north,
            double basePm25) {
        public double[][] ring() {
            return new double[][] {{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
        }
    }

    public record Station(String id, String name, District district, double latitude, double longitude) {
    }

    public static final List<District> DISTRICTS = List.of(
            new District("lien-chieu", "Liên Chiểu", 108.100, 16.060, 108.175, 16.130, 38),
            new District("thanh-khe", "Thanh Khê", 108.175, 16.050, 108.205, 16.085, 34),
            new District("hai-chau", "Hải Châu", 108.205, 16.020, 108.235, 16.080, 30),
            new District("son-tra", "Sơn Trà", 108.235, 16.050, 108.300, 16.140, 18),
            new District("ngu-hanh-son", "Ngũ Hành Sơn", 108.235, 15.960, 108.290, 16.050, 22),
            new District("cam-le", "Cẩm Lệ", 108.160, 15.980, 108.235, 16.020, 32));

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
