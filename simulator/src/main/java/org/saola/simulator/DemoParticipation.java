package org.saola.simulator;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo city's participatory budgeting, as the outside world would take part, over real HTTP: the city's
 * processes and projects set up through the staff API (one in its vote, one still collecting proposals, with
 * a budget per ward), and residents who sign in with the code their phone receives (the demo outbox page) and
 * vote on the ballot page as a phone without JavaScript does, some changing their mind later. In the process
 * collecting proposals, residents propose on the form, support each other's proposals and discuss them; the
 * department's officer answers the proposals that reached the threshold.
 */
final class DemoParticipation {

    private static final Logger log = LoggerFactory.getLogger(DemoParticipation.class);
    static final String VOTE = "ngan-sach-cong-dong-2027";
    static final String PROPOSALS = "khong-gian-xanh-ven-song";
    /** A neighbourhood fund voted on at a residents' meeting: it closes minutes after the demo starts. */
    static final String QUICK = "quy-khu-pho-an-hai-bac";

    /** A plan the city explains before it asks anything: in its information phase. */
    static final String INFORMATION = "pho-di-bo-bach-dang";
    /** Proposals collected last week, discussed now: in its deliberation phase. */
    static final String DEBATE = "an-toan-duong-den-truong";
    /** Decided last year, being built: in its follow-up phase ("you said, we did"). */
    static final String FOLLOW_UP = "cai-tao-cong-vien-29-3";

    /** A project of the demo vote: code, names, cost in đồng. */
    record DemoProject(String code, String titleVi, String titleEn, String descriptionVi, String descriptionEn, long cost) {
    }

    static final List<DemoProject> PROJECTS = List.of(
            new DemoProject("cay-xanh-cho-han", "Trồng cây bóng mát quanh chợ Hàn", "Shade trees around Hàn market",
                    "Trồng 120 cây sao đen và bằng lăng dọc các tuyến đường quanh chợ.", "120 native trees along the streets around the market.", 1_200_000_000L),
            new DemoProject("den-truong-hoc", "Đèn đường quanh các trường tiểu học", "Street lights around primary schools",
                    "Lắp đèn LED tại 14 tuyến đường học sinh đi bộ.", "LED lighting on 14 streets children walk to school.", 1_800_000_000L),
            new DemoProject("san-choi-an-hai", "Sân chơi trẻ em phường An Hải", "Children's playground in An Hải",
                    "Sân chơi có mái che, lối đi cho xe lăn.", "A covered playground with step-free paths.", 1_500_000_000L),
            new DemoProject("thung-rac-phan-loai", "Thùng rác phân loại tại nguồn", "Sorting bins for recycling",
                    "300 bộ thùng ba ngăn ở khu dân cư.", "300 three-way sorting bins in residential streets.", 600_000_000L),
            new DemoProject("ghe-da-bach-dang", "Ghế đá và bóng mát dọc Bạch Đằng", "Benches and shade along Bạch Đằng",
                    "Ghế nghỉ chân cho người cao tuổi mỗi 100 m.", "A seat for older people every 100 m.", 400_000_000L),
            new DemoProject("cong-thoat-nuoc", "Nạo vét cống thoát nước khu Hòa Khánh", "Clearing storm drains in Hòa Khánh",
                    "Giảm ngập khi mưa lớn cho 2.000 hộ dân.", "Less flooding in heavy rain for 2,000 households.", 2_000_000_000L));
    static final long BUDGET = 5_000_000_000L;

    static final List<DemoProject> QUICK_PROJECTS = List.of(
            new DemoProject("den-hem-kiet", "Đèn chiếu sáng hẻm 42", "Lights for lane 42",
                    "Sáu đèn LED cho con hẻm tối.", "Six LED lights for a dark lane.", 90_000_000L),
            new DemoProject("cay-xanh-san-choi", "Cây xanh cho sân chơi khu phố", "Trees for the neighbourhood playground",
                    "Mười cây bóng mát và ghế ngồi.", "Ten shade trees and benches.", 120_000_000L),
            new DemoProject("thu-vien-mini", "Tủ sách cộng đồng", "A community bookcase",
                    "Tủ sách và giá đọc ở nhà sinh hoạt.", "A bookcase and reading corner at the community house.", 40_000_000L),
            new DemoProject("loa-canh-bao-ngap", "Loa cảnh báo ngập", "Flood warning loudspeakers",
                    "Hai loa phát cảnh báo khi nước lên.", "Two loudspeakers that warn when water rises.", 75_000_000L),
            new DemoProject("lop-boi-tre-em", "Lớp bơi hè cho trẻ em", "Summer swimming lessons for children",
                    "Học bơi miễn phí cho 80 em.", "Free lessons for 80 children.", 60_000_000L));
    static final long QUICK_BUDGET = 250_000_000L;
    /** How long the neighbourhood vote stays open after the demo starts (rounded up to the minute). */
    static final Duration QUICK_OPEN = Duration.ofMinutes(3);

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI saola;
    private final Random random = new Random(2027);
    private final Map<String, HttpClient> residents = new java.util.concurrent.ConcurrentHashMap<>();
    private final String officerKey;
    private final List<String> wards = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger proposed = new java.util.concurrent.atomic.AtomicInteger();

    /** Residents' ideas for the green spaces: title and what they propose, in the residents' own words. */
    static final List<String[]> IDEAS = List.of(
            new String[] {"Hàng cây bóng mát dọc bờ sông Hàn", "Trồng thêm cây bóng mát dọc lối đi bộ bờ sông để người già và trẻ em đi dạo buổi trưa.", "GREEN_SPACE"},
            new String[] {"Vườn cộng đồng trên bãi đất trống", "Biến bãi đất trống cạnh nhà văn hoá thành vườn rau cộng đồng do các hộ dân cùng chăm sóc.", "GREEN_SPACE"},
            new String[] {"Ghế đá và vòi nước uống công cộng", "Đặt ghế đá có bóng râm và vòi nước uống sạch mỗi 200 m dọc công viên ven sông.", "GREEN_SPACE"},
            new String[] {"Đèn chiếu sáng cho lối đi bộ ven sông", "Lối đi bộ ven sông tối sau 8 giờ tối; cần đèn LED tiết kiệm điện để đi bộ an toàn.", "LIGHTING"},
            new String[] {"Sân tập thể dục ngoài trời cho người cao tuổi", "Lắp dụng cụ tập thể dục đơn giản trong công viên cho người cao tuổi tập buổi sáng.", "CULTURE_SPORT"},
            new String[] {"Thùng rác phân loại trong công viên", "Đặt thùng rác ba ngăn và biển hướng dẫn phân loại rác trong các công viên ven sông.", "WASTE"},
            new String[] {"Làn đường riêng cho xe đạp ven sông", "Kẻ vạch làn xe đạp tách khỏi lối đi bộ để trẻ em đạp xe an toàn.", "MOBILITY"});
    static final List<String> COMMENTS = List.of("Tôi ủng hộ, khu này rất cần.", "Nên làm thêm mái che cho mùa mưa.",
            "Cần tính chi phí bảo trì hằng năm nữa.", "Ý tưởng hay, gia đình tôi sẽ tham gia chăm sóc.",
            "Có thể kết hợp với đề xuất trồng cây không?", "Nhớ làm lối đi cho xe lăn.");

    DemoParticipation(URI saola, String officerKey) {
        this.saola = saola;
        this.officerKey = officerKey;
    }

    /** Puts the demo's processes in, unless the city has them already (its edits survive). */
    void setUp(String adminKey, String department, List<String> wards, java.time.LocalDateTime now) {
        LocalDate today = now.toLocalDate();
        if (send("GET", "/public/v1/participation/processes/" + VOTE, null, null).statusCode() != 200) {
            // Projects go in while the vote is still ahead; then the calendar puts the vote in its second day.
            put(adminKey, VOTE, vote(department, today.plusDays(30)));
            for (DemoProject p : PROJECTS) {
                put(adminKey, VOTE + "/projects/" + p.code(), """
                        {"titleVi":%s,"titleEn":%s,"descriptionVi":%s,"descriptionEn":%s,"cost":%d}"""
                        .formatted(q(p.titleVi()), q(p.titleEn()), q(p.descriptionVi()), q(p.descriptionEn()), p.cost()));
            }
            put(adminKey, VOTE, vote(department, today.minusDays(1)));
        }
        if (send("GET", "/public/v1/participation/processes/" + PROPOSALS, null, null).statusCode() != 200) {
            List<String> two = wards.subList(0, Math.min(2, wards.size()));
            this.wards.addAll(two);
            StringBuilder budgets = new StringBuilder();
            for (String w : two) {
                budgets.append(budgets.isEmpty() ? "" : ",").append("{\"scope\":").append(q(w)).append(",\"amount\":2000000000}");
            }
            put(adminKey, PROPOSALS, """
                    {"titleVi":"Không gian xanh ven sông Hàn","titleEn":"Green spaces along the Hàn river",
                     "summaryVi":"Mỗi phường có 2 tỷ đồng cho không gian xanh. Hãy gửi đề xuất; tháng tới người dân bỏ phiếu theo phường.",
                     "summaryEn":"Each ward has 2 billion đồng for green spaces. Send your proposals; next month residents vote ward by ward.",
                     "department":%s,"wards":%s,"supportThreshold":3,
                     "phases":[{"phase":"INFORMATION","starts":"%s","ends":"%s"},{"phase":"PROPOSALS","starts":"%s","ends":"%s"},
                               {"phase":"VOTING","starts":"%s","ends":"%s"},{"phase":"RESULTS","starts":"%s","ends":"%s"}],
                     "voting":{"rule":"APPROVAL","maxChoices":3},"budgets":[%s]}"""
                    .formatted(q(department), "[" + String.join(",", two.stream().map(DemoParticipation::q).toList()) + "]",
                            today.minusDays(14), today.minusDays(8), today.minusDays(7), today.plusDays(21), today.plusDays(28),
                            today.plusDays(41), today.plusDays(42), today.plusDays(90), budgets));
        }
        information(adminKey, department, today);
        debate(adminKey, department, today);
        followUp(adminKey, department, today);
        census(adminKey);
        quickVote(adminKey, department, now);
        document(adminKey);
        consultation(adminKey, today);
        meeting(adminKey, today);
    }

    /**
     * The neighbourhood fund's vote: open today until a few minutes from now (its closing time), knapsack with at
     * least half the fund and two projects. Once it closes the count timer counts it, so the results and the
     * published ballots appear within five minutes of the start. A city that ran the demo before keeps its count.
     */
    private void quickVote(String adminKey, String department, java.time.LocalDateTime now) {
        if (send("GET", "/public/v1/participation/processes/" + QUICK, null, null).statusCode() == 200) {
            return;
        }
        java.time.LocalDateTime closes = now.plus(QUICK_OPEN).plusMinutes(1).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        if (closes.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            closes = closes.plusMinutes(1);
        }
        LocalDate today = now.toLocalDate();
        put(adminKey, QUICK, quick(department, today.plusDays(1), today.plusDays(1), closes.toLocalTime()));
        for (DemoProject p : QUICK_PROJECTS) {
            put(adminKey, QUICK + "/projects/" + p.code(), """
                    {"titleVi":%s,"titleEn":%s,"descriptionVi":%s,"descriptionEn":%s,"cost":%d}"""
                    .formatted(q(p.titleVi()), q(p.titleEn()), q(p.descriptionVi()), q(p.descriptionEn()), p.cost()));
        }
        put(adminKey, QUICK, quick(department, today, closes.toLocalDate(), closes.toLocalTime()));
    }

    /** How many demo residents ({@code cudan1..}) the demo census lists, and ten more numbers nobody has proved. */
    static final int CENSUS_RESIDENTS = 40;

    /** The ID number the demo census gives demo resident {@code n} (1-based): 048190000001 and so on. */
    static String idNumber(int n) {
        return String.format("0481900%05d", n);
    }

    /**
     * The demo city's census list: its residents' ID numbers, and ten more for visitors to try (048190000041 to
     * 048190000050), uploaded unless the city has a list of its own.
     */
    private void census(String adminKey) {
        HttpResponse<String> counts = send("GET", "/api/v1/participation/census", null, adminKey);
        if (counts.statusCode() != 200 || !counts.body().contains("\"entries\":0")) {
            return;
        }
        StringBuilder csv = new StringBuilder("so_dinh_danh,phuong\n");
        for (int n = 1; n <= CENSUS_RESIDENTS + 10; n++) {
            csv.append(idNumber(n)).append(",\n");
        }
        try {
            HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(saola.resolve("/api/v1/participation/census"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + adminKey).header("Content-Type", "text/csv")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                log.warn("The demo's census list was refused: {}", r.body());
            }
        } catch (Exception e) {
            log.warn("The demo's census list could not be uploaded: {}", e.toString());
        }
    }

    /** The community budget's plan, a one-page PDF, published with the process (once). */
    private void document(String adminKey) {
        if (send("GET", "/public/v1/participation/processes/" + VOTE + "/documents", null, null).body().contains("\"id\"")) {
            return;
        }
        try {
            HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(saola.resolve("/api/v1/participation/processes/" + VOTE
                    + "/documents?titleVi=" + enc("Kế hoạch ngân sách cộng đồng 2027") + "&titleEn=" + enc("The 2027 community budget plan")))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/pdf")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(DemoPdf.onePage(List.of("Community budget 2027",
                            "5,000,000,000 VND for projects residents choose.", "Vote: knapsack, at least 70 % of the budget.",
                            "Results are published with every ballot, anonymous, to count again."))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                log.warn("The demo's document was refused: {}", r.body());
            }
        } catch (Exception e) {
            log.warn("The demo's document could not be published: {}", e.toString());
        }
    }

    private static String quick(String department, LocalDate opens, LocalDate lastDay, java.time.LocalTime closesAt) {
        return """
                {"titleVi":"Quỹ khu phố An Hải Bắc: bình chọn tại hội nghị","titleEn":"An Hải Bắc neighbourhood fund: the meeting's vote",
                 "summaryVi":"Hội nghị khu phố chia 250 triệu đồng. Phiếu bầu đóng lúc %3$s hôm nay và được kiểm ngay sau đó.",
                 "summaryEn":"The neighbourhood meeting shares out 250 million đồng. The vote closes at %3$s today and is counted straight after.",
                 "department":%1$s,"eligibility":"CENSUS",
                 "phases":[{"phase":"INFORMATION","starts":"%2$s","ends":"%4$s"},{"phase":"VOTING","starts":"%5$s","ends":"%6$s"},
                           {"phase":"RESULTS","starts":"%7$s","ends":"%8$s"}],
                 "voting":{"rule":"KNAPSACK","minimumSpendPercent":50,"minProjects":2,"closesAt":"%3$s"},"budgets":[{"amount":%9$d}]}"""
                .formatted(q(department), opens.minusDays(7), closesAt, opens.minusDays(1), opens, lastDay, lastDay.plusDays(1),
                        lastDay.plusDays(60), QUICK_BUDGET);
    }

    /** The walking street plan: the city explains it for ten days, then takes proposals and votes. */
    private void information(String adminKey, String department, LocalDate today) {
        if (send("GET", "/public/v1/participation/processes/" + INFORMATION, null, null).statusCode() == 200) {
            return;
        }
        put(adminKey, INFORMATION, """
                {"titleVi":"Phố đi bộ Bạch Đằng","titleEn":"A walking street on Bạch Đằng",
                 "summaryVi":"Thành phố dự kiến cấm xe vào tối thứ Bảy, Chủ nhật trên đường Bạch Đằng. Đọc phương án và ý kiến các hộ kinh doanh; sau đó người dân đề xuất và bỏ phiếu cho các hoạt động.",
                 "summaryEn":"The city plans to close Bạch Đằng to traffic on Saturday and Sunday evenings. Read the plan and what the shops along it said; then residents propose and vote on what happens there.",
                 "department":%s,"supportThreshold":10,
                 "phases":[{"phase":"INFORMATION","starts":"%s","ends":"%s"},{"phase":"PROPOSALS","starts":"%s","ends":"%s"},
                           {"phase":"DELIBERATION","starts":"%s","ends":"%s"}]}"""
                .formatted(q(department), today.minusDays(3), today.plusDays(10), today.plusDays(11), today.plusDays(40),
                        today.plusDays(41), today.plusDays(55)));
    }

    /** Proposals for safer roads to school, made last week (some at a ward office), residents discuss them now. */
    private void debate(String adminKey, String department, LocalDate today) {
        if (send("GET", "/public/v1/participation/processes/" + DEBATE, null, null).statusCode() == 200) {
            return;
        }
        // Proposals go in while the proposals phase is open; then the calendar puts the process in its deliberation.
        put(adminKey, DEBATE, debatePhases(department, today.minusDays(1), today.plusDays(2)));
        String[][] ideas = {
                {"Vạch kẻ đường và đèn tín hiệu trước trường Lê Lợi", "Học sinh qua đường Lê Lợi giờ tan học rất nguy hiểm; cần vạch kẻ và đèn tín hiệu cho người đi bộ.", "MOBILITY", "cudan3@example.vn"},
                {"Hạn chế xe tải giờ đưa đón học sinh", "Cấm xe tải trên các tuyến quanh trường từ 6 giờ 30 đến 7 giờ 30 và 16 giờ 30 đến 17 giờ 30.", "MOBILITY", "cudan5@example.vn"},
                {"Tình nguyện viên hướng dẫn qua đường", "Phụ huynh và cựu chiến binh thay phiên hướng dẫn các em qua đường mỗi sáng.", "SAFETY", "cudan8@example.vn"},
                {"Vỉa hè thông thoáng cho học sinh đi bộ", "Dẹp xe máy đỗ trên vỉa hè quanh trường để các em không phải đi xuống lòng đường.", "SAFETY", "+84905000012"}};
        for (String[] idea : ideas) {
            HttpResponse<String> r = send("POST", "/api/v1/participation/processes/" + DEBATE + "/assisted-proposals", """
                    {"contact":%s,"title":%s,"body":%s,"category":%s,"ward":"","place":""}"""
                    .formatted(q(idea[3]), q(idea[0]), q(idea[1]), q(idea[2])), adminKey);
            if (r.statusCode() != 201) {
                log.warn("The demo's proposal for {} was refused: {}", DEBATE, r.body());
            }
        }
        put(adminKey, DEBATE, debatePhases(department, today.minusDays(8), today.minusDays(1)));
    }

    private static String debatePhases(String department, LocalDate proposalsFrom, LocalDate proposalsTo) {
        return """
                {"titleVi":"An toàn trên đường đến trường","titleEn":"Safe roads to school",
                 "summaryVi":"Người dân đã gửi đề xuất cho đường đến trường an toàn hơn. Hãy thảo luận và ủng hộ; đề xuất đủ 5 lượt ủng hộ sẽ được phòng trả lời.",
                 "summaryEn":"Residents proposed ways to make the roads to school safer. Discuss and support them; a proposal with 5 supports gets the department's answer.",
                 "department":%s,"supportThreshold":5,
                 "phases":[{"phase":"PROPOSALS","starts":"%s","ends":"%s"},{"phase":"DELIBERATION","starts":"%s","ends":"%s"}]}"""
                .formatted(q(department), proposalsFrom, proposalsTo, proposalsTo.plusDays(1), proposalsTo.plusDays(21));
    }

    /** The park the residents asked for last year, being renewed: what was decided and how far each part is. */
    private void followUp(String adminKey, String department, LocalDate today) {
        if (send("GET", "/public/v1/participation/processes/" + FOLLOW_UP, null, null).statusCode() == 200) {
            return;
        }
        put(adminKey, FOLLOW_UP, """
                {"titleVi":"Cải tạo công viên 29/3","titleEn":"Renewing 29 March Park",
                 "summaryVi":"Năm ngoái người dân chọn ba hạng mục cho công viên tại hội nghị và trên Saola. Đây là tiến độ thực hiện.",
                 "summaryEn":"Last year residents chose three things for the park, at a public meeting and on Saola. This is how far each has come.",
                 "department":%s,"budgets":[{"scope":"","amount":2000000000}],
                 "phases":[{"phase":"INFORMATION","starts":"%s","ends":"%s"},{"phase":"RESULTS","starts":"%s","ends":"%s"},
                           {"phase":"FOLLOW_UP","starts":"%s","ends":"%s"}]}"""
                .formatted(q(department), today.minusDays(300), today.minusDays(240), today.minusDays(239), today.minusDays(120),
                        today.minusDays(119), today.plusDays(240)));
        String[][] parts = {
                {"duong-chay-bo", "Đường chạy bộ quanh hồ", "A running track around the lake", "Đường chạy 1,2 km, mặt cao su.", "A 1.2 km rubber track.", "900000000",
                        "DONE", "100", "880000000", "Đã khánh thành; chi phí thấp hơn dự toán.", "Opened; it cost less than planned."},
                {"nha-ve-sinh", "Nhà vệ sinh công cộng có lối cho xe lăn", "Public toilets with wheelchair access", "Hai khu vệ sinh, một gần sân chơi.", "Two blocks, one by the playground.", "600000000",
                        "IN_PROGRESS", "60", "350000000", "Đã xong phần móng và tường; dự kiến xong trong tháng tới.", "Foundations and walls are up; it should be finished next month."},
                {"den-led", "Đèn LED cho lối đi", "LED lights for the paths", "80 đèn LED tiết kiệm điện.", "80 energy-saving LED lights.", "400000000",
                        "PLANNED", "0", "0", "Đang chọn nhà thầu; thi công sau khi xong nhà vệ sinh.", "Choosing a contractor; work starts after the toilets."}};
        for (String[] p : parts) {
            put(adminKey, FOLLOW_UP + "/projects/" + p[0], """
                    {"titleVi":%s,"titleEn":%s,"descriptionVi":%s,"descriptionEn":%s,"cost":%s}"""
                    .formatted(q(p[1]), q(p[2]), q(p[3]), q(p[4]), p[5]));
            HttpResponse<String> r = send("POST", "/api/v1/participation/processes/" + FOLLOW_UP + "/follow-up/PROJECT/" + p[0], """
                    {"status":%s,"percent":%s,"spent":%s,"starts":"%s","noteVi":%s,"noteEn":%s}"""
                    .formatted(q(p[6]), p[7], p[8], today.minusDays(100), q(p[9]), q(p[10])), adminKey);
            if (r.statusCode() / 100 != 2) {
                log.warn("The demo's progress on {} was refused: {}", p[0], r.body());
            }
        }
    }

    /** A workshop of the green-spaces process next week, with what makes it accessible. */
    private void meeting(String adminKey, LocalDate today) {
        String path = "/api/v1/participation/processes/" + PROPOSALS + "/meetings/hoi-thao-ven-song";
        if (send("GET", "/public/v1/participation/processes/" + PROPOSALS + "/meetings", null, null).body().contains("hoi-thao-ven-song")) {
            return;
        }
        java.time.OffsetDateTime starts = today.plusDays(6).atTime(18, 30).atOffset(java.time.ZoneOffset.ofHours(7));
        HttpResponse<String> r = send("PUT", path, """
                {"titleVi":"Hội thảo: không gian xanh ven sông","titleEn":"Workshop: green spaces along the river",
                 "descriptionVi":"Cùng vẽ lại công viên ven sông với kiến trúc sư của thành phố.",
                 "descriptionEn":"Redraw the riverside park together with the city's architects.",
                 "place":"Nhà văn hoá quận, 12 Bạch Đằng","starts":"%s","ends":"%s",
                 "provisions":["SIGN_LANGUAGE","CHILDCARE","STEP_FREE","ONLINE"],
                 "accessibility":"Lối vào có dốc ở cửa bên; phòng họp ở tầng trệt.","capacity":60}"""
                .formatted(starts, starts.plusHours(2)), adminKey);
        if (r.statusCode() / 100 != 2) {
            log.warn("The demo's meeting was refused: {}", r.body());
        }
    }

    static final String SURVEY = "cong-vien-ven-song-ban-muon-gi";

    /** The consultation of the green-spaces process: open for a week from the demo's first day. */
    private void consultation(String adminKey, LocalDate today) {
        if (send("GET", "/public/v1/participation/consultations/" + SURVEY, null, null).statusCode() == 200) {
            return;
        }
        HttpResponse<String> r = send("PUT", "/api/v1/participation/consultations/" + SURVEY, """
                {"process":"%s","titleVi":"Công viên ven sông: bạn muốn gì?","titleEn":"The riverside park: what do you want?",
                 "introVi":"Trước khi người dân đề xuất và bỏ phiếu, hãy cho chúng tôi biết bạn dùng công viên thế nào.",
                 "introEn":"Before residents propose and vote, tell us how you use the park.",
                 "opens":"%s","closes":"%s","audience":"EVERYONE","questions":[
                   {"code":"khi-nao","kind":"SINGLE","textVi":"Bạn thường ra công viên lúc nào?","textEn":"When do you usually go to the park?","required":true,
                    "options":[{"code":"sang","textVi":"Sáng sớm","textEn":"Early morning"},{"code":"chieu","textVi":"Chiều","textEn":"Afternoon"},
                               {"code":"toi","textVi":"Buổi tối","textEn":"Evening"}]},
                   {"code":"can-gi","kind":"MULTIPLE","textVi":"Công viên cần thêm gì?","textEn":"What does the park need?","maxChoices":2,
                    "options":[{"code":"bong-mat","textVi":"Bóng mát","textEn":"Shade"},{"code":"ghe","textVi":"Ghế ngồi","textEn":"Benches"},
                               {"code":"nha-ve-sinh","textVi":"Nhà vệ sinh","textEn":"Toilets"},{"code":"den","textVi":"Đèn","textEn":"Lighting"}]},
                   {"code":"uu-tien","kind":"RANKING","textVi":"Xếp hạng điều bạn lo nhất","textEn":"Rank what worries you most",
                    "options":[{"code":"rac","textVi":"Rác","textEn":"Litter"},{"code":"ngap","textVi":"Ngập","textEn":"Flooding"},
                               {"code":"an-ninh","textVi":"An ninh","textEn":"Safety"}]},
                   {"code":"hai-long","kind":"SCALE","textVi":"Bạn hài lòng với công viên hiện nay đến mức nào?","textEn":"How happy are you with the park today?","scaleMin":1,"scaleMax":5},
                   {"code":"y-kien","kind":"TEXT","textVi":"Ý kiến khác","textEn":"Anything else"}]}"""
                .formatted(PROPOSALS, today.minusDays(1), today.plusDays(7)), adminKey);
        if (r.statusCode() / 100 != 2) {
            log.warn("The demo's consultation was refused: {}", r.body());
        }
    }

    /** A resident registers for the workshop, some asking for childcare or step-free access. */
    private void register(HttpClient browser) throws Exception {
        String path = "/city/participation/" + PROPOSALS + "/meetings/hoi-thao-ven-song";
        Optional<String> csrf = DemoHttp.csrf(get(browser, path));
        if (csrf.isPresent()) {
            String[] needs = {"", "&need=CHILDCARE", "&need=STEP_FREE", ""};
            post(browser, path + "/registration", "_csrf=" + enc(csrf.get()) + "&action=register" + needs[random.nextInt(needs.length)]);
        }
    }

    /** Someone answers the consultation on its page, as a phone without JavaScript does. */
    private void answerSurvey(HttpClient browser) throws Exception {
        String path = "/city/participation/consultations/" + SURVEY;
        Optional<String> csrf = DemoHttp.csrf(get(browser, path));
        if (csrf.isEmpty()) {
            return;
        }
        String[] when = {"sang", "chieu", "toi"};
        String[] needs = {"bong-mat", "ghe", "nha-ve-sinh", "den"};
        List<String> worries = new ArrayList<>(List.of("rac", "ngap", "an-ninh"));
        Collections.shuffle(worries, random);
        StringBuilder form = new StringBuilder("_csrf=" + enc(csrf.get()) + "&q-khi-nao=" + when[random.nextInt(3)]
                + "&q-can-gi=" + needs[random.nextInt(4)] + "&q-hai-long=" + (2 + random.nextInt(4)));
        for (int i = 0; i < worries.size(); i++) {
            form.append("&rank.uu-tien.").append(worries.get(i)).append('=').append(i + 1);
        }
        post(browser, path, form.toString());
    }

    /** The wards of the proposals' process, as the city has it (it may have been edited). */
    private List<String> proposalWards() {
        if (wards.isEmpty()) {
            Matcher m = Pattern.compile("\"wards\":\\[([^\\]]*)\\]").matcher(send("GET", "/public/v1/participation/processes/" + PROPOSALS, null, null).body());
            if (m.find()) {
                Matcher w = Pattern.compile("\"([^\"]+)\"").matcher(m.group(1));
                while (w.find()) {
                    wards.add(w.group(1));
                }
            }
        }
        return wards;
    }

    private static String vote(String department, LocalDate votingStarts) {
        return """
                {"titleVi":"Ngân sách cộng đồng 2027","titleEn":"Community budget 2027",
                 "summaryVi":"Người dân quyết định cách chi 5 tỷ đồng cho các dự án của thành phố. Chọn các dự án có tổng chi phí không vượt quá ngân sách.",
                 "summaryEn":"Residents decide how the city spends 5 billion đồng. Choose projects whose costs fit in the budget.",
                 "department":%s,
                 "phases":[{"phase":"PROPOSALS","starts":"%s","ends":"%s"},{"phase":"DELIBERATION","starts":"%s","ends":"%s"},
                           {"phase":"VOTING","starts":"%s","ends":"%s"},{"phase":"RESULTS","starts":"%s","ends":"%s"}],
                 "voting":{"rule":"KNAPSACK","minimumSpendPercent":70},"budgets":[{"amount":%d}]}"""
                .formatted(q(department), votingStarts.minusDays(40), votingStarts.minusDays(16), votingStarts.minusDays(15),
                        votingStarts.minusDays(1), votingStarts, votingStarts.plusDays(14), votingStarts.plusDays(15),
                        votingStarts.plusDays(60), BUDGET);
    }

    private void put(String key, String path, String body) {
        HttpResponse<String> r = send("PUT", "/api/v1/participation/processes/" + path, body, key);
        if (r.statusCode() / 100 != 2) {
            log.warn("The demo's participation set-up {} was refused: {}", path, r.body());
        }
    }

    /**
     * One of the demo's residents votes (or changes their vote): signs in by a code the first time, then ticks
     * projects that fit the rule (between 70 % and all of the budget) on the ballot page.
     */
    void residentVotes() throws Exception {
        // While the neighbourhood's vote is open, every other voter votes there.
        if (random.nextBoolean() && quickOpen()) {
            residentVotes(QUICK, QUICK_PROJECTS, QUICK_BUDGET, 5, 2);
        } else {
            residentVotes(VOTE, PROJECTS, BUDGET, 7, 1);
        }
    }

    private volatile boolean quickClosed;

    private boolean quickOpen() {
        if (!quickClosed && !"VOTING".equals(JSON.readTree(send("GET", "/public/v1/participation/processes/" + QUICK, null, null)
                .body()).path("currentPhase").asString())) {
            quickClosed = true;
        }
        return !quickClosed;
    }

    /** A resident ticks projects that fit the budget, spend at least {@code tenths} of it, and number {@code least}. */
    private void residentVotes(String process, List<DemoProject> projects, long budget, int tenths, int least) throws Exception {
        int n = 1 + random.nextInt(CENSUS_RESIDENTS);
        String who = "cudan" + n + "@example.vn";
        Optional<HttpClient> signedIn = resident(who);
        if (signedIn.isEmpty()) {
            return;
        }
        HttpClient browser = signedIn.get();
        String page = get(browser, "/city/participation/" + process + "/vote");
        Optional<String> csrf = DemoHttp.csrf(page);
        if (csrf.isPresent() && page.contains("census-form")) {
            // A vote for those on the census list: the resident types the number on their card, once.
            post(browser, "/city/participation/" + process + "/census", "_csrf=" + enc(csrf.get()) + "&idNumber=" + idNumber(n));
            page = get(browser, "/city/participation/" + process + "/vote");
            csrf = DemoHttp.csrf(page);
        }
        if (csrf.isEmpty() || !page.contains("ballot-form")) {
            return;                     // not signed in any more, or the vote is not open
        }
        List<DemoProject> shuffled = new ArrayList<>(projects);
        Collections.shuffle(shuffled, random);
        List<String> chosen = new ArrayList<>();
        long total = 0;
        for (DemoProject p : shuffled) {
            if (total + p.cost() <= budget) {
                chosen.add(p.code());
                total += p.cost();
            }
        }
        if (total < budget * tenths / 10 || chosen.size() < least) {
            return;
        }
        StringBuilder form = new StringBuilder("_csrf=" + enc(csrf.get()) + "&scope=");
        chosen.forEach(c -> form.append("&project=").append(enc(c)));
        post(browser, "/city/participation/" + process + "/vote", form.toString());
    }

    /** A demo resident, signed in (by a code the first time), or empty when sign-in did not work. */
    private Optional<HttpClient> resident(String who) throws Exception {
        HttpClient browser = residents.get(who);
        if (browser == null) {
            browser = signIn(who);
            if (browser == null) {
                return Optional.empty();
            }
            residents.put(who, browser);
        }
        return Optional.of(browser);
    }

    /**
     * One of the demo's residents takes part in the green-spaces process: proposes an idea (few do), supports
     * one of the proposals, comments on one, or answers the consultation, on the pages as a phone without
     * JavaScript does.
     */
    void residentTakesPart() throws Exception {
        // Half the time someone already signed in (people come back), else anyone, perhaps a newcomer.
        List<String> known = new ArrayList<>(residents.keySet());
        String who = !known.isEmpty() && random.nextBoolean() ? known.get(random.nextInt(known.size()))
                : "cudan" + (1 + random.nextInt(40)) + "@example.vn";
        Optional<HttpClient> signedIn = resident(who);
        if (signedIn.isEmpty()) {
            return;
        }
        HttpClient browser = signedIn.get();
        // A third of the time in the debate on safe roads to school, which takes supports and comments, not proposals.
        String process = random.nextInt(3) == 0 ? DEBATE : PROPOSALS;
        String base = "/city/participation/" + process + "/proposals";
        List<Integer> numbers = new ArrayList<>();
        Matcher n = Pattern.compile("\"number\":(\\d+)").matcher(send("GET", "/public/v1/participation/processes/" + process
                + "/proposals?state=COLLECTING,EVALUATING", null, null).body());
        while (n.find()) {
            numbers.add(Integer.valueOf(n.group(1)));
        }
        int dice = random.nextInt(10);
        if (dice == 9 && random.nextBoolean()) {
            register(browser);
            return;
        }
        if (dice >= 8) {
            answerSurvey(browser);
            return;
        }
        if (process.equals(PROPOSALS) && (numbers.size() < 3 || dice == 0 && numbers.size() < IDEAS.size())) {
            String[] idea = IDEAS.get(proposed.getAndIncrement() % IDEAS.size());
            List<String> w = proposalWards();
            Optional<String> csrf = DemoHttp.csrf(get(browser, base + "/new"));
            if (csrf.isPresent() && !w.isEmpty()) {
                post(browser, base + "/new", "_csrf=" + enc(csrf.get()) + "&title=" + enc(idea[0]) + "&body=" + enc(idea[1])
                        + "&category=" + idea[2] + "&ward=" + enc(w.get(random.nextInt(w.size()))) + "&place=");
            }
            return;
        }
        // A support goes to a proposal this resident may still support (the page offers it only then: not the
        // author's own, not twice); a comment to any.
        boolean supports = dice < 6;
        Collections.shuffle(numbers, random);
        for (int number : numbers.subList(0, Math.min(4, numbers.size()))) {
            String page = get(browser, base + "/" + number);
            Optional<String> csrf = DemoHttp.csrf(page);
            if (csrf.isEmpty() || supports && !page.contains("name=\"action\" value=\"support\"")) {
                continue;
            }
            HttpResponse<String> r = supports
                    ? post(browser, base + "/" + number + "/support", "_csrf=" + enc(csrf.get()) + "&action=support")
                    : post(browser, base + "/" + number + "/comments", "_csrf=" + enc(csrf.get()) + "&body="
                            + enc(COMMENTS.get(random.nextInt(COMMENTS.size()))));
            if (r.statusCode() != 302) {
                log.debug("A demo resident's {} on proposal {} got {}", supports ? "support" : "comment", number, r.statusCode());
            }
            return;
        }
    }

    /**
     * The department's officer answers the oldest proposal waiting, as the department would after looking at it,
     * and gives news of one accepted proposal: planned first, then a step further each time until done.
     */
    void officerWorks() {
        officerAnswers();
        List<String[]> open = new ArrayList<>();
        for (tools.jackson.databind.JsonNode item : JSON.readTree(send("GET", "/public/v1/participation/processes/" + PROPOSALS
                + "/follow-up", null, null).body())) {
            tools.jackson.databind.JsonNode updates = item.path("updates");
            int percent = updates.isEmpty() ? -1 : updates.get(0).path("percent").asInt();
            if ("PROPOSAL".equals(item.path("kind").asString()) && percent < 100) {
                open.add(new String[] {item.path("ref").asString(), Integer.toString(percent)});
            }
        }
        if (open.isEmpty()) {
            return;
        }
        String[] item = open.get(random.nextInt(open.size()));
        int before = Integer.parseInt(item[1]);
        int percent = before < 0 ? 0 : Math.min(100, before + 25 + random.nextInt(20));
        String status = before < 0 ? "PLANNED" : percent == 100 ? "DONE" : "IN_PROGRESS";
        String[] news = before < 0
                ? new String[] {"Đã khảo sát hiện trường; dự kiến khởi công tháng tới.", "The site is surveyed; work starts next month."}
                : percent == 100 ? new String[] {"Đã hoàn thành và bàn giao cho phường.", "Finished and handed over to the ward."}
                : new String[] {"Đang thi công, đã xong " + percent + " % khối lượng.", "Work under way, " + percent + " % done."};
        send("POST", "/api/v1/participation/processes/" + PROPOSALS + "/follow-up/proposal/" + item[0], """
                {"status":"%s","percent":%d,"spent":%d,"noteVi":%s,"noteEn":%s}"""
                .formatted(status, percent, percent * 3_000_000L, q(news[0]), q(news[1])), officerKey);
    }

    private void officerAnswers() {
        Matcher m = Pattern.compile("\"process\":\"" + PROPOSALS + "\",\"proposal\":\\{\"number\":(\\d+)")
                .matcher(send("GET", "/api/v1/participation/proposals/waiting", null, officerKey).body());
        if (!m.find()) {
            return;
        }
        boolean accept = random.nextInt(3) > 0;
        send("POST", "/api/v1/participation/processes/" + PROPOSALS + "/proposals/" + m.group(1) + "/answer", accept
                ? "{\"decision\":\"ACCEPTED\",\"answer\":\"Phòng sẽ khảo sát và đưa đề xuất vào danh sách dự án bỏ phiếu tháng tới."
                        + " / The department will survey the site and put it on next month's ballot.\"}"
                : "{\"decision\":\"REJECTED\",\"answer\":\"Khu đất này thuộc dự án kè sông đã được phê duyệt; chúng tôi đề xuất vị trí khác."
                        + " / This land belongs to the approved river embankment project; we suggest another site.\"}", officerKey);
    }

    /** The token the demo's SMS gateway stand-in sends with residents' texts (application-demo.yml). */
    static final String SMS_TOKEN = "demo-sms-gateway";

    /**
     * A resident without a smartphone votes by SMS, as the city's SMS gateway would pass their texts on:
     * {@code BAU <process> <numbers>}, then the code read on their phone (the demo outbox) texted back; some
     * then text {@code THEO <process>} to be sent the results.
     */
    void residentVotesBySms() throws Exception {
        String phone = "+8490500" + String.format("%04d", 100 + random.nextInt(40));
        tools.jackson.databind.JsonNode process = JSON.readTree(send("GET", "/public/v1/participation/processes/" + VOTE, null, null).body());
        List<String> order = new ArrayList<>();
        process.path("projects").forEach(p -> order.add(p.path("code").asString()));
        if (order.isEmpty() || !"VOTING".equals(process.path("currentPhase").asString())) {
            return;
        }
        List<DemoProject> shuffled = new ArrayList<>(PROJECTS);
        Collections.shuffle(shuffled, random);
        StringBuilder numbers = new StringBuilder();
        long total = 0;
        for (DemoProject p : shuffled) {
            if (total + p.cost() <= BUDGET && order.contains(p.code())) {
                numbers.append(' ').append(order.indexOf(p.code()) + 1);
                total += p.cost();
            }
        }
        if (total < BUDGET * 7 / 10) {
            return;
        }
        sms(phone, "BAU " + VOTE + numbers);
        for (int i = 0; i < 6; i++) {
            Thread.sleep(1000);
            Matcher code = Pattern.compile(Pattern.quote(phone) + "</td>\\s*<td>[^<]*</td>\\s*<td>[^<]*?Code: (\\d{6})")
                    .matcher(get(http, "/demo/outbox"));
            if (code.find()) {
                sms(phone, code.group(1));
                if (random.nextInt(3) == 0) {
                    sms(phone, "THEO " + VOTE);       // one in three asks for the results by SMS, as the receipt offers
                }
                return;
            }
        }
    }

    private void sms(String from, String text) {
        DemoHttp.send(http, saola, "POST", "/public/v1/participation/sms",
                "{\"from\":" + q(from) + ",\"text\":" + q(text) + "}", SMS_TOKEN);        // the gateway's token
    }

    /** Signs a demo resident in: asks for a code, reads it on their phone (the demo outbox page), types it. */
    private HttpClient signIn(String who) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Optional<String> csrf = DemoHttp.csrf(get(browser, "/residents/sign-in"));
        if (csrf.isEmpty()) {
            return null;
        }
        HttpResponse<String> sent = post(browser, "/residents/sign-in", "_csrf=" + enc(csrf.get()) + "&contact=" + enc(who));
        String location = sent.headers().firstValue("Location").orElse("");
        Matcher request = Pattern.compile("request=([0-9a-f-]{36})").matcher(location);
        if (!request.find()) {
            return null;
        }
        String outbox = get(http, "/demo/outbox");
        Matcher code = Pattern.compile(Pattern.quote(who) + "</td>.*?code is (\\d{6})", Pattern.DOTALL).matcher(outbox);
        if (!code.find()) {
            return null;
        }
        Optional<String> csrf2 = DemoHttp.csrf(get(browser, "/residents/sign-in/code?request=" + request.group(1)));
        if (csrf2.isEmpty()) {
            return null;
        }
        HttpResponse<String> in = post(browser, "/residents/sign-in/code", "_csrf=" + enc(csrf2.get()) + "&request="
                + request.group(1) + "&code=" + code.group(1));
        return in.statusCode() == 302 ? browser : null;
    }

    private String get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(saola.resolve(path)).timeout(Duration.ofSeconds(10)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(HttpClient client, String path, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(saola.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String json, String key) {
        return DemoHttp.send(http, saola, method, path, json, key);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String q(String s) {
        return org.saola.platform.JsonText.quote(s);
    }
}
