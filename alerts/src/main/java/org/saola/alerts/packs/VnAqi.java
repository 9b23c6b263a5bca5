package org.saola.alerts.packs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Vietnam's air quality index VN_AQI as Decision 1459/QĐ-TCMT (12 November 2019) of the Vietnam Environment
 * Administration defines it: one breakpoint table (its Table 2, µg/m³ for every parameter, CO included) for the
 * hourly and the daily index; a parameter's index by linear interpolation (its formulas 1 and 2); PM2.5 and PM10
 * hourly from the 12-hour NowCast; the index of a station the largest of its parameters', which needs PM2.5 or
 * PM10; rounded to a whole number; six levels with the decision's colours and advice (its Tables 1, 4 and 5).
 *
 * <p>Where the decision is silent Saola chooses, and says so: half-up rounding (what the decision's examples
 * fit), a concentration above the top breakpoint is index 500, and NowCast is taken with the weights exactly as
 * the decision prints them (for {@code w = 1/2}, {@code Σ (1/2)^i·c_i} without dividing by the weights' sum).
 */
public final class VnAqi {

    /** The index values at the breakpoints, I_i. */
    static final int[] INDEX = {0, 50, 100, 150, 200, 300, 400, 500};

    /** A parameter and its concentration breakpoints BP_i (µg/m³), Table 2. */
    public enum Parameter {
        PM25("pm25", 0, 25, 50, 80, 150, 250, 350, 500),
        PM10("pm10", 0, 50, 150, 250, 350, 420, 500, 600),
        O3_1H("o3", 0, 160, 200, 300, 400, 800, 1000, 1200),
        /** Only up to 400 µg/m³ (index 300): above it the decision uses the 1-hour column alone. */
        O3_8H("o3", 0, 100, 120, 170, 210, 400),
        CO("co", 0, 10_000, 30_000, 45_000, 60_000, 90_000, 120_000, 150_000),
        SO2("so2", 0, 125, 350, 550, 800, 1600, 2100, 2630),
        NO2("no2", 0, 100, 200, 700, 1200, 2350, 3100, 3850);

        private final String attribute;
        private final double[] breakpoints;

        Parameter(String attribute, double... breakpoints) {
            this.attribute = attribute;
            this.breakpoints = breakpoints;
        }

        /** The attribute of an {@code AirQualityObserved} entity that measures it. */
        public String attribute() {
            return attribute;
        }

        double[] breakpoints() {
            return breakpoints.clone();
        }
    }

    /** The six levels of Table 1, with Tables 4 (health) and 5 (what to do). English is Saola's translation. */
    public enum Level {
        GOOD(0, 50, "Tốt", "Good", "#00E400",
                "Chất lượng không khí tốt, không ảnh hưởng tới sức khỏe.",
                "Air quality is good, with no effect on health.",
                "Tự do thực hiện các hoạt động ngoài trời.", "Free to do outdoor activities.",
                "Tự do thực hiện các hoạt động ngoài trời.", "Free to do outdoor activities."),
        MODERATE(51, 100, "Trung bình", "Moderate", "#FFFF00",
                "Chất lượng không khí ở mức chấp nhận được. Tuy nhiên, đối với những người nhạy cảm (người già, trẻ em, "
                        + "người mắc các bệnh hô hấp, tim mạch…) có thể chịu những tác động nhất định tới sức khỏe.",
                "Air quality is acceptable. However, sensitive people (the elderly, children, people with respiratory or "
                        + "heart disease…) may feel some effects on their health.",
                "Tự do thực hiện các hoạt động ngoài trời.", "Free to do outdoor activities.",
                "Nên theo dõi các triệu chứng như ho hoặc khó thở, nhưng vẫn có thể hoạt động bên ngoài.",
                "Watch for symptoms such as coughing or shortness of breath; outdoor activity is still possible."),
        POOR(101, 150, "Kém", "Poor", "#FF7E00",
                "Những người nhạy cảm gặp phải các vấn đề về sức khỏe, những người bình thường ít ảnh hưởng.",
                "Sensitive people have health problems; others are little affected.",
                "Những người thấy có triệu chứng đau mắt, ho hoặc đau họng… nên cân nhắc giảm các hoạt động ngoài trời. "
                        + "Đối với học sinh, có thể hoạt động bên ngoài, nhưng nên giảm bớt việc tập thể dục kéo dài.",
                "People with sore eyes, a cough or a sore throat should consider spending less time outdoors. "
                        + "Schoolchildren may be active outdoors but should cut down long exercise.",
                "Nên giảm các hoạt động mạnh và giảm thời gian hoạt động ngoài trời. Những người mắc bệnh hen suyễn có "
                        + "thể cần sử dụng thuốc thường xuyên hơn.",
                "Reduce strenuous activity and time outdoors. People with asthma may need their medicine more often."),
        BAD(151, 200, "Xấu", "Bad", "#FF0000",
                "Những người bình thường bắt đầu có các ảnh hưởng tới sức khỏe, nhóm người nhạy cảm có thể gặp những "
                        + "vấn đề sức khỏe nghiêm trọng hơn.",
                "Everyone begins to feel effects on their health; sensitive people may have more serious problems.",
                "Mọi người nên giảm các hoạt động mạnh khi ở ngoài trời, tránh tập thể dục kéo dài và nghỉ ngơi nhiều "
                        + "hơn trong nhà.",
                "Everyone should reduce strenuous activity outdoors, avoid long exercise and rest more indoors.",
                "Nên ở trong nhà và giảm hoạt động mạnh. Nếu cần thiết phải ra ngoài, hãy đeo khẩu trang đạt tiêu chuẩn.",
                "Stay indoors and reduce strenuous activity. If you must go out, wear a proper mask."),
        VERY_BAD(201, 300, "Rất xấu", "Very bad", "#8F3F97",
                "Cảnh báo hưởng tới sức khỏe: mọi người bị ảnh hưởng tới sức khỏe nghiêm trọng hơn.",
                "Health warning: everyone's health is more seriously affected.",
                "Mọi người hạn chế tối đa các hoạt động ngoài trời và chuyển tất cả các hoạt động vào trong nhà. Nếu "
                        + "cần thiết phải ra ngoài, hãy đeo khẩu trang đạt tiêu chuẩn.",
                "Everyone should keep outdoor activity to a minimum and move all activities indoors. If you must go "
                        + "out, wear a proper mask.",
                "Nên ở trong nhà và giảm hoạt động mạnh.", "Stay indoors and reduce strenuous activity."),
        HAZARDOUS(301, 500, "Nguy hại", "Hazardous", "#7E0023",
                "Cảnh báo khẩn cấp về sức khỏe: Toàn bộ dân số bị ảnh hưởng tới sức khỏe tới mức nghiêm trọng.",
                "Health emergency: the whole population's health is seriously affected.",
                "Mọi người nên ở trong nhà, đóng cửa ra vào và cửa sổ. Nếu cần thiết phải ra ngoài, hãy đeo khẩu trang "
                        + "đạt tiêu chuẩn.",
                "Everyone should stay indoors and close doors and windows. If you must go out, wear a proper mask.",
                "Mọi người nên ở trong nhà, đóng cửa ra vào và cửa sổ. Nếu cần thiết phải ra ngoài, hãy đeo khẩu trang "
                        + "đạt tiêu chuẩn.",
                "Everyone should stay indoors and close doors and windows. If you must go out, wear a proper mask.");

        public final int from;
        public final int to;
        public final String nameVi;
        public final String nameEn;
        public final String colour;
        public final String healthVi;
        public final String healthEn;
        public final String adviceVi;
        public final String adviceEn;
        public final String sensitiveAdviceVi;
        public final String sensitiveAdviceEn;

        Level(int from, int to, String nameVi, String nameEn, String colour, String healthVi, String healthEn,
                String adviceVi, String adviceEn, String sensitiveAdviceVi, String sensitiveAdviceEn) {
            this.from = from;
            this.to = to;
            this.nameVi = nameVi;
            this.nameEn = nameEn;
            this.colour = colour;
            this.healthVi = healthVi;
            this.healthEn = healthEn;
            this.adviceVi = adviceVi;
            this.adviceEn = adviceEn;
            this.sensitiveAdviceVi = sensitiveAdviceVi;
            this.sensitiveAdviceEn = sensitiveAdviceEn;
        }

        /** The level of a (rounded) index. */
        public static Level of(int aqi) {
            for (Level l : values()) {
                if (aqi <= l.to) {
                    return l;
                }
            }
            return HAZARDOUS;
        }

        /** The level's code as entity attributes carry it ({@code airQualityLevel}): {@code good} … {@code hazardous}. */
        public String code() {
            String n = name().toLowerCase(java.util.Locale.ROOT);
            int u = n.indexOf('_');
            return u < 0 ? n : n.substring(0, u) + Character.toUpperCase(n.charAt(u + 1)) + n.substring(u + 2);
        }
    }

    /** A station's index: the largest of its parameters', which parameter that was, and each parameter's. */
    public record Index(int aqi, Parameter dominant, Map<Parameter, Integer> parameters) {
        public Level level() {
            return Level.of(aqi);
        }
    }

    private VnAqi() {
    }

    /**
     * A parameter's index for a concentration (µg/m³), not yet rounded (formulas 1 and 2); empty for O3 over 8 hours
     * above 400 µg/m³, which the decision does not index. A concentration above the top breakpoint is 500.
     */
    public static OptionalDouble subIndex(Parameter p, double c) {
        if (c < 0 || Double.isNaN(c)) {
            throw new IllegalArgumentException("a concentration is 0 or more; got " + c);
        }
        double[] bp = p.breakpoints;
        if (c > bp[bp.length - 1]) {
            return p == Parameter.O3_8H ? OptionalDouble.empty() : OptionalDouble.of(500);
        }
        for (int i = 0; i < bp.length - 1; i++) {
            if (c <= bp[i + 1]) {
                return OptionalDouble.of((double) (INDEX[i + 1] - INDEX[i]) / (bp[i + 1] - bp[i]) * (c - bp[i]) + INDEX[i]);
            }
        }
        return OptionalDouble.of(INDEX[bp.length - 1]);
    }

    /** Rounded half up, after clearing floating-point noise (109.49999999 is 109.5). */
    public static int round(double aqi) {
        return BigDecimal.valueOf(aqi).setScale(6, RoundingMode.HALF_UP).setScale(0, RoundingMode.HALF_UP).intValue();
    }

    /**
     * The NowCast of PM2.5 or PM10 from the last twelve hourly means, {@code hourly[0]} the hour just ended and
     * {@code hourly[11]} eleven hours before it, {@code null} where there is no mean. Empty unless at least two of the
     * three latest hours have one. {@code w* = Cmin / Cmax} over the hours that have one; {@code w = w*} if over 1/2,
     * else 1/2; a missing hour weighs 0.
     */
    public static OptionalDouble nowCast(Double[] hourly) {
        if (hourly.length != 12) {
            throw new IllegalArgumentException("NowCast takes twelve hourly means");
        }
        int recent = 0;
        for (int i = 0; i < 3; i++) {
            recent += hourly[i] == null ? 0 : 1;
        }
        if (recent < 2) {
            return OptionalDouble.empty();
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Double c : hourly) {
            if (c != null) {
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
        }
        double wStar = max == 0 ? 1 : min / max;
        if (wStar > 0.5) {
            double sum = 0;
            double weights = 0;
            for (int i = 0; i < 12; i++) {
                if (hourly[i] != null) {
                    double w = Math.pow(wStar, i);
                    sum += w * hourly[i];
                    weights += w;
                }
            }
            return OptionalDouble.of(sum / weights);
        }
        double sum = 0;                           // w = 1/2: Σ (1/2)^i · c_i, as the decision writes it
        for (int i = 0; i < 12; i++) {
            if (hourly[i] != null) {
                sum += Math.pow(0.5, i + 1) * hourly[i];
            }
        }
        return OptionalDouble.of(sum);
    }

    /** The largest 8-hour mean of consecutive hourly means (a day's 24 with the 7 before it), or empty. */
    public static OptionalDouble largestEightHourMean(List<Double> hourly) {
        OptionalDouble best = OptionalDouble.empty();
        for (int end = 7; end < hourly.size(); end++) {
            double sum = 0;
            boolean whole = true;
            for (int i = end - 7; i <= end; i++) {
                if (hourly.get(i) == null) {
                    whole = false;
                    break;
                }
                sum += hourly.get(i);
            }
            if (whole && (best.isEmpty() || sum / 8 > best.getAsDouble())) {
                best = OptionalDouble.of(sum / 8);
            }
        }
        return best;
    }

    /**
     * The hourly index (AQI^h): PM2.5 and PM10 from their NowCast (their last twelve hourly means, newest first),
     * O3 (1-hour column), CO, SO2 and NO2 from the hour's mean; any may be missing ({@code null}), but not both PM.
     */
    public static Optional<Index> hourly(Double[] pm25Hours, Double[] pm10Hours, Double o3, Double co, Double so2, Double no2) {
        Map<Parameter, Double> c = new EnumMap<>(Parameter.class);
        if (pm25Hours != null) {
            nowCast(pm25Hours).ifPresent(v -> c.put(Parameter.PM25, v));
        }
        if (pm10Hours != null) {
            nowCast(pm10Hours).ifPresent(v -> c.put(Parameter.PM10, v));
        }
        put(c, Parameter.O3_1H, o3);
        put(c, Parameter.CO, co);
        put(c, Parameter.SO2, so2);
        put(c, Parameter.NO2, no2);
        return index(c);
    }

    /**
     * The daily index (AQI^d): PM2.5 and PM10 from their 24-hour means; O3 the larger of its largest 1-hour mean's
     * index and its largest 8-hour mean's (the latter left out above 400 µg/m³); CO, SO2, NO2 from their largest
     * 1-hour means. Missing ones are {@code null}; PM2.5 or PM10 is needed.
     */
    public static Optional<Index> daily(Double pm25Mean, Double pm10Mean, Double o3Largest1h, Double o3Largest8h, Double co,
            Double so2, Double no2) {
        Map<Parameter, Double> c = new EnumMap<>(Parameter.class);
        put(c, Parameter.PM25, pm25Mean);
        put(c, Parameter.PM10, pm10Mean);
        put(c, Parameter.O3_1H, o3Largest1h);
        put(c, Parameter.O3_8H, o3Largest8h);
        put(c, Parameter.CO, co);
        put(c, Parameter.SO2, so2);
        put(c, Parameter.NO2, no2);
        return index(c);
    }

    private static void put(Map<Parameter, Double> c, Parameter p, Double v) {
        if (v != null) {
            c.put(p, v);
        }
    }

    private static Optional<Index> index(Map<Parameter, Double> concentrations) {
        if (!concentrations.containsKey(Parameter.PM25) && !concentrations.containsKey(Parameter.PM10)) {
            return Optional.empty();                  // "at least one of PM10 and PM2.5 is required"
        }
        Map<Parameter, Integer> each = new EnumMap<>(Parameter.class);
        concentrations.forEach((p, c) -> subIndex(p, c).ifPresent(v -> each.put(p, round(v))));
        Parameter dominant = null;
        int aqi = -1;
        for (Map.Entry<Parameter, Integer> e : each.entrySet()) {
            if (e.getValue() > aqi) {
                aqi = e.getValue();
                dominant = e.getKey();
            }
        }
        return Optional.of(new Index(aqi, dominant, Map.copyOf(each)));
    }
}
