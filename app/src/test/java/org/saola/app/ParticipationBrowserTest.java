package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A resident on a phone-sized screen finds the city's budget vote, signs in by a code and comes back to the
 * ballot, ticks projects (the running total follows), votes, keeps the receipt, checks it, and after the count
 * follows the results; a second resident does the same with JavaScript off. axe-core finds no WCAG 2.1 AA
 * violation on these pages, in Vietnamese and in English.
 */
class ParticipationBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    TestClock clock;

    private String process(String suffix) {
        String department = "budget-" + suffix;
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Tài chính","nameEn":"Finance"}""".formatted(department)).status()).isEqualTo(201);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
        String code = "budget-" + suffix;
        String body = """
                {"titleVi":"Ngân sách có sự tham gia %1$s","titleEn":"Participatory budget %1$s",
                 "summaryVi":"Người dân quyết định chi 1 tỷ đồng.","summaryEn":"Residents decide how to spend 1 billion đồng.",
                 "department":"%2$s","phases":[{"phase":"PROPOSALS","starts":"%3$s","ends":"%4$s"},
                 {"phase":"VOTING","starts":"%5$s","ends":"%6$s"},{"phase":"RESULTS","starts":"%7$s","ends":"%8$s"}],
                 "voting":{"rule":"KNAPSACK","minimumSpendPercent":50},"budgets":[{"amount":1000000000}]}""";
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/participation/processes/" + code, body.formatted(suffix,
                department, today.minusDays(20), today, today.plusDays(1), today.plusDays(2), today.plusDays(3), today.plusDays(30)))
                .status()).isEqualTo(201);
        for (String[] p : new String[][] {{"shade-trees", "Cây bóng mát chợ Hàn", "Shade trees at Hàn market", "400000000"},
                {"school-lights", "Đèn đường quanh trường", "Street lights around the school", "350000000"},
                {"playground", "Sân chơi trẻ em", "Children's playground", "500000000"}}) {
            org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/participation/processes/" + code + "/projects/" + p[0],
                    """
                    {"titleVi":"%s","titleEn":"%s","descriptionVi":"Mô tả ngắn.","descriptionEn":"A short description.","cost":%s}"""
                            .formatted(p[1], p[2], p[3])).status()).isEqualTo(201);
        }
        // The vote opens today.
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/participation/processes/" + code, body.formatted(suffix,
                department, today.minusDays(20), today.minusDays(1), today, today.plusDays(1), today.plusDays(2), today.plusDays(30)))
                .status()).isEqualTo(200);
        return code;
    }

    private void signInFromTheBallot(Page page, String email) {
        signInFrom(page, "Sign in to vote", email);
    }

    private void signInFrom(Page page, String link, String email) {
        page.getByText(link).click();
        page.getByLabel("E-mail address or phone number").fill(email);
        page.getByText("Send me a code").click();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TestMailAndSms.lastMailTo(email).isPresent());
        Matcher m = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)").matcher(TestMailAndSms.lastMailTo(email).orElseThrow());
        org.assertj.core.api.Assertions.assertThat(m.find()).isTrue();
        page.getByLabel("Six-digit code").fill(m.group(1));
        page.locator("main").getByText("Sign in", new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true)).click();
    }

    @Test
    void aResidentVotesOnAPhoneKeepsTheReceiptAndFollowsTheResults() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String code = process(suffix);

        BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740));
        Page page = phone.newPage();
        page.navigate(url("/city/participation?lang=en"));
        assertThat(page.locator("h1")).hasText("Take part in your city's decisions");
        assertNoViolations(page);
        page.getByText("Participatory budget " + suffix).click();
        assertThat(page.locator("#current-phase")).hasText("Voting");
        assertNoViolations(page);
        page.locator("#vote-link").click();
        assertNoViolations(page);
        signInFromTheBallot(page, "an." + suffix + "@example.vn");

        assertThat(page.locator("h1")).hasText("Vote: Participatory budget " + suffix);
        assertThat(page.locator("header nav").first()).not().containsText("Devices");      // no staff links for a resident
        assertThat(page.getByText("Sign out")).isVisible();
        assertNoViolations(page);
        page.getByLabel("Shade trees at Hàn market").check();
        assertThat(page.locator("#ballot-total")).hasText("Chosen: 400,000,000 VND of the budget of 1,000,000,000 VND");
        page.getByLabel("Children's playground").check();
        assertThat(page.locator("#ballot-total")).hasText("Chosen: 900,000,000 VND of the budget of 1,000,000,000 VND");
        page.getByLabel("Street lights around the school").check();
        assertThat(page.locator("#ballot-total")).hasClass(Pattern.compile("over"));
        page.getByText("Cast my vote").click();
        assertThat(page.locator(".error-summary")).containsText("more than the budget");
        assertNoViolations(page);
        page.getByLabel("Street lights around the school").uncheck();
        page.getByText("Cast my vote").click();
        assertThat(page.locator("h1")).hasText("Your vote is in the ballot box");
        String receipt = page.locator("#receipt").textContent();
        assertThat(page.locator("#chosen li")).hasCount(2);
        assertNoViolations(page);
        page.locator("#follow-button").click();
        assertThat(page.locator("#follow-done")).hasText("You will be told of each answer and each piece of news.");
        assertThat(page.locator("#follow-button")).hasText("Stop telling me");
        page.navigate(url("/city/participation/" + code + "/voted?lang=vi"));
        assertNoViolations(page);
        for (String vi : List.of("/city/participation?lang=vi", "/city/participation/" + code + "?lang=vi",
                "/city/participation/" + code + "/vote?lang=vi", "/city/participation/" + code + "/receipt?lang=vi&receipt=" + receipt)) {
            page.navigate(url(vi));
            assertNoViolations(page);
        }

        page.navigate(url("/city/participation/" + code + "/receipt?lang=en"));
        page.getByLabel("Your receipt").fill(receipt.toLowerCase().replace("-", " "));
        page.getByText("Check", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator("#receipt-state")).hasText("This ballot is in the ballot box. It will be counted when the vote closes.");
        assertNoViolations(page);

        // A second resident, JavaScript off: the same ballot, checked by the server.
        BrowserContext noScript = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setJavaScriptEnabled(false));
        Page plain = noScript.newPage();
        plain.navigate(url("/city/participation/" + code + "/vote?lang=en"));
        signInFromTheBallot(plain, "binh." + suffix + "@example.vn");
        plain.getByLabel("Children's playground").check();
        plain.getByText("Cast my vote").click();
        assertThat(plain.locator("h1")).hasText("Your vote is in the ballot box");
        plain.navigate(url("/city/participation/" + code + "/vote?lang=en"));
        assertThat(plain.locator("#already-voted")).containsText("You have voted");
        plain.getByLabel("Children's playground").uncheck();
        plain.getByLabel("Street lights around the school").check();
        plain.getByText("Change my vote").click();
        assertThat(plain.locator(".error-summary")).containsText("Choose projects worth at least 500,000,000 VND; yours cost 350,000,000 VND.");
        plain.getByLabel("Shade trees at Hàn market").check();
        plain.getByText("Change my vote").click();
        assertThat(plain.locator(".notice").first()).containsText("replaces your earlier one");
        noScript.close();

        // A third resident comes to the ward office: the officer enters the ballot and writes the receipt down.
        Page officer = signedIn();
        officer.navigate(url("/operations/participation?lang=en"));
        assertThat(officer.locator("h1")).hasText("Participatory processes");
        assertNoViolations(officer);
        officer.getByText("Help a resident vote: Participatory budget " + suffix).click();
        assertNoViolations(officer);
        officer.getByLabel("The resident's phone number or e-mail address").fill("0905" + String.format("%06d", Math.abs(suffix.hashCode()) % 1_000_000));
        officer.getByLabel("Shade trees at Hàn market").check();
        officer.getByText("Put the ballot in the box").click();
        assertThat(officer.locator(".error-summary")).containsText("Choose projects worth at least 500,000,000 VND; yours cost 400,000,000 VND.");
        officer.getByLabel("Street lights around the school").check();
        officer.getByText("Put the ballot in the box").click();
        assertThat(officer.locator("#assist-receipt")).containsText("The ballot is in the box.");
        assertThat(officer.locator("#assist-receipt .receipt")).hasText(Pattern.compile("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"));
        assertNoViolations(officer);
        for (String vi : List.of("/operations/participation?lang=vi", "/operations/participation/" + code + "/assist?lang=vi",
                "/operations/participation/processes/" + code + "?lang=vi", "/operations/participation/new?lang=en",
                "/operations/participation/processes/" + code + "/meetings?lang=vi",
                "/operations/participation/processes/" + code + "/consultations?lang=vi",
                "/operations/participation/processes/" + code + "/consultations?lang=en")) {
            officer.navigate(url(vi));
            assertNoViolations(officer);
        }
        officer.context().close();

        // The paper ballot a ward office prints, as accessible as the rest.
        page.navigate(url("/city/participation/" + code + "/paper-ballot?lang=en"));
        assertThat(page.locator("#paper-projects tbody tr")).hasCount(3);
        assertNoViolations(page);
        page.navigate(url("/city/participation/" + code + "/paper-ballot?lang=vi"));
        assertNoViolations(page);

        // The vote closes and is counted; the results page, as a table with a caption.
        clock.advance(Duration.ofDays(2));
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/participation/processes/" + code + "/count", "").status())
                .isEqualTo(200);
        page.navigate(url("/city/participation/" + code + "?lang=en"));
        assertThat(page.locator("#results-heading")).hasText("Results");
        // Shade trees on all three ballots, lights on two, the playground on one and no longer fitting.
        assertThat(page.locator("table.results tbody tr").nth(0)).containsText("Shade trees at Hàn market");
        assertThat(page.locator("table.results tbody tr").nth(0)).containsText("3 (100 % of ballots)");
        assertThat(page.locator("table.results tbody tr").nth(1)).containsText("Street lights around the school");
        assertThat(page.locator("table.results tbody tr").nth(2)).containsText("Children's playground");
        assertThat(page.locator("table.results tbody tr").nth(2)).containsText("No");
        assertThat(page.locator("table.results caption")).containsText("3 ballots");
        assertNoViolations(page);
        // The same results with JavaScript off, and the receipt found there too.
        BrowserContext resultsNoScript = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
                .setJavaScriptEnabled(false));
        Page plainResults = resultsNoScript.newPage();
        plainResults.navigate(url("/city/participation/" + code + "?lang=en"));
        assertThat(plainResults.locator("table.results tbody tr").nth(0)).containsText("Shade trees at Hàn market");
        assertThat(plainResults.locator("table.results caption")).containsText("3 ballots");
        plainResults.navigate(url("/city/participation/" + code + "/receipt?lang=en&receipt=" + receipt));
        assertThat(plainResults.locator("#receipt-state")).hasText("This ballot was counted.");
        resultsNoScript.close();
        page.navigate(url("/city/participation/" + code + "?lang=vi"));
        assertThat(page.locator("#results-heading")).hasText("Kết quả");
        assertNoViolations(page);
        page.navigate(url("/city/participation/" + code + "/results-sheet?lang=vi"));
        assertThat(page.locator("table.results tbody tr").nth(0)).containsText("100% số phiếu");
        assertNoViolations(page);
        page.navigate(url("/city/participation/" + code + "/results-sheet?lang=en"));
        assertNoViolations(page);
        page.navigate(url("/city/participation/" + code + "/receipt?lang=en&receipt=" + receipt));
        assertThat(page.locator("#receipt-state")).hasText("This ballot was counted.");
        phone.close();
    }

    /** A process taking proposals now, in one ward; one support sends a proposal to the department. */
    private String proposing(String suffix) {
        String department = "parks-" + suffix;
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Công viên","nameEn":"Parks"}""".formatted(department)).status()).isEqualTo(201);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
        String code = "ideas-" + suffix;
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/participation/processes/" + code, """
                {"titleVi":"Ý tưởng cho bờ sông %1$s","titleEn":"Ideas for the riverbank %1$s","department":"%2$s",
                 "wards":["An Hải Bắc"],"supportThreshold":1,
                 "phases":[{"phase":"PROPOSALS","starts":"%3$s","ends":"%4$s"},{"phase":"DELIBERATION","starts":"%5$s","ends":"%6$s"}]}"""
                .formatted(suffix, department, today.minusDays(2), today.plusDays(5), today.plusDays(6), today.plusDays(12)))
                .status()).isEqualTo(201);
        return code;
    }

    /** A phone-sized photo: noise, so the PNG stays large (about 3.5 MB), as a real picture is. */
    private static byte[] photo() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1200, 1000, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random noise = new java.util.Random(7);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, noise.nextInt(0x1000000));
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aResidentProposesWithAPhotoAnotherSupportsAndCommentsWithoutJavaScriptAndTheDepartmentAnswers() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String code = proposing(suffix);

        BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740));
        Page page = phone.newPage();
        page.navigate(url("/city/participation/" + code + "?lang=en"));
        assertThat(page.locator("#proposals-link")).hasText("No proposals yet from residents");
        page.locator("#propose-link").click();
        assertThat(page.locator("h1")).hasText("Make a proposal");
        assertNoViolations(page);
        signInFrom(page, "Sign in to propose", "an." + suffix + "@example.vn");
        assertThat(page.locator("h1")).hasText("Make a proposal");
        page.locator("#title").fill("Shade");
        page.locator("#body").fill("Plant shade trees along the riverbank walk so that people can walk there at noon.");
        page.getByLabel("What it is about").selectOption("GREEN_SPACE");
        page.getByLabel("Ward").selectOption("An Hải Bắc");
        page.getByText("Publish my proposal").click();
        assertThat(page.locator(".error-summary")).containsText("The title has 15 to 150 characters.");
        assertNoViolations(page);
        page.locator("#title").fill("Shade trees on the riverbank walk");
        page.getByLabel("The place, in words (optional)").fill("between Rồng bridge and Hàn market");
        byte[] picture = photo();
        org.assertj.core.api.Assertions.assertThat(picture.length).isGreaterThan(3_000_000);
        page.getByLabel("Photos (up to 3, optional)").setInputFiles(new com.microsoft.playwright.options.FilePayload(
                "riverbank.png", "image/png", picture));
        page.getByText("Publish my proposal").click();
        assertThat(page.locator("#submitted")).containsText("Your proposal is published");
        assertThat(page.locator("#proposal-title")).hasText("#1 Shade trees on the riverbank walk");
        assertThat(page.locator("#supports")).hasText("0 of the 1 needed");
        assertThat(page.locator("#support-button")).hasCount(0);                   // one does not support one's own
        assertThat(page.locator(".photos img")).hasCount(1);
        String src = page.locator(".photos img").getAttribute("src");
        byte[] served = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url(src))).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        org.assertj.core.api.Assertions.assertThat(served[0] & 0xff).isEqualTo(0xff);          // re-encoded as a JPEG
        org.assertj.core.api.Assertions.assertThat(served[1] & 0xff).isEqualTo(0xd8);
        assertNoViolations(page);
        page.navigate(url("/city/participation/" + code + "/proposals?lang=en"));
        assertThat(page.locator(".proposal-list li")).hasCount(1);
        assertNoViolations(page);
        for (String vi : List.of("/city/participation/" + code + "/proposals?lang=vi", "/city/participation/" + code + "/proposals/1?lang=vi",
                "/city/participation/" + code + "/proposals/new?lang=vi")) {
            page.navigate(url(vi));
            assertNoViolations(page);
        }
        // She registers for the workshop on the riverbank, asking for childcare.
        java.time.OffsetDateTime starts = java.time.OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofDays(2)),
                java.time.ZoneOffset.ofHours(7)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/participation/processes/" + code + "/meetings/workshop", """
                {"titleVi":"Hội thảo bờ sông","titleEn":"Riverbank workshop","place":"Nhà văn hoá An Hải Bắc","starts":"%s","ends":"%s",
                 "provisions":["CHILDCARE","STEP_FREE"],"capacity":30}""".formatted(starts, starts.plusHours(2))).status()).isEqualTo(201);
        page.navigate(url("/city/participation/" + code + "?lang=en"));
        page.getByText("Riverbank workshop").click();
        assertNoViolations(page);
        page.locator("#need-CHILDCARE").check();
        page.locator("#register-button").click();
        assertThat(page.locator("#done")).hasText("You are registered. See you there.");
        assertThat(page.locator("#places")).hasText("29 of 30 places left");
        assertNoViolations(page);
        page.navigate(url("/city/participation/" + code + "/meetings/workshop?lang=vi"));
        assertNoViolations(page);
        phone.close();

        // A second resident, JavaScript off, on a phone: signs in from the proposal, supports it, comments, replies.
        BrowserContext noScript = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setJavaScriptEnabled(false));
        Page plain = noScript.newPage();
        plain.navigate(url("/city/participation/" + code + "/proposals?lang=en"));
        plain.getByText("#1 Shade trees on the riverbank walk").click();
        signInFrom(plain, "Sign in to support or comment", "binh." + suffix + "@example.vn");
        assertThat(plain.locator("#proposal-title")).hasText("#1 Shade trees on the riverbank walk");
        plain.locator("#support-button").click();
        assertThat(plain.locator("#done")).hasText("Thank you: your support is counted.");
        assertThat(plain.locator("#proposal-state")).hasText("With the department, waiting for its answer");
        plain.getByLabel("Add a comment").fill("Yes please, and benches in the shade.");
        plain.getByText("Comment", new Page.GetByTextOptions().setExact(true)).last().click();
        assertThat(plain.locator(".comment").first()).containsText("Resident 1");
        assertThat(plain.locator(".comment").first()).containsText("Yes please, and benches in the shade.");
        plain.locator(".comment details summary").first().click();
        plain.getByLabel("Your reply to Resident 1").fill("Benches too, agreed.");
        plain.locator(".comment details form button").first().click();
        assertThat(plain.locator(".comment .thread .comment")).containsText("Benches too, agreed.");
        // ... and makes a proposal of their own, still without JavaScript (no map then: the ward and the words).
        plain.navigate(url("/city/participation/" + code + "/proposals/new?lang=en"));
        org.assertj.core.api.Assertions.assertThat(plain.locator("#pick-point").isVisible()).isFalse();
        plain.locator("#title").fill("Drinking fountains along the river");
        plain.locator("#body").fill("Put drinking fountains every 300 m along the river walk for joggers and children.");
        plain.getByLabel("What it is about").selectOption("GREEN_SPACE");
        plain.getByLabel("Ward").selectOption("An Hải Bắc");
        plain.getByText("Publish my proposal").click();
        assertThat(plain.locator("#proposal-title")).hasText("#2 Drinking fountains along the river");
        noScript.close();

        // The department answers on its work page.
        Page officer = signedIn();
        officer.navigate(url("/operations/participation?lang=en"));
        officer.locator("#proposal-work-link").click();
        assertThat(officer.locator("h1")).hasText("Proposals to answer");
        assertNoViolations(officer);
        org.assertj.core.api.Assertions.assertThat(officer.locator("#waiting-" + code + "-1").count()).isEqualTo(1);
        officer.locator("#decision-" + code + "-1-ACCEPTED").check();
        officer.locator("#answer-" + code + "-1").fill("We will plant 40 trees in the 2027 dry season.");
        officer.locator("#waiting-" + code + "-1").getByText("Publish the answer").click();
        assertThat(officer.locator("#done")).containsText(code + " #1");
        officer.navigate(url("/operations/participation/proposals?lang=vi"));
        assertNoViolations(officer);
        // ... and gives news of what it does with it, on its follow-up page.
        officer.navigate(url("/operations/participation/" + code + "/follow-up?lang=en"));
        assertNoViolations(officer);
        officer.locator("#status-proposal-1").selectOption("IN_PROGRESS");
        officer.locator("#percent-proposal-1").fill("30");
        officer.locator("#note-vi-proposal-1").fill("Đã trồng 12 cây đầu tiên.");
        officer.locator("#note-en-proposal-1").fill("The first 12 trees are planted.");
        officer.locator("#item-proposal-1").getByText("Publish this news").click();
        assertThat(officer.locator("#done")).isVisible();
        officer.navigate(url("/operations/participation/" + code + "/follow-up?lang=vi"));
        assertNoViolations(officer);
        officer.context().close();

        Page anyone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)).newPage();
        anyone.navigate(url("/city/participation/" + code + "/proposals/1?lang=en"));
        assertThat(anyone.locator("#answer")).hasText("We will plant 40 trees in the 2027 dry season.");
        assertThat(anyone.locator("#proposal-state")).hasText("Accepted");
        assertNoViolations(anyone);
        anyone.navigate(url("/city/participation/" + code + "?lang=en"));
        assertThat(anyone.locator("table.follow-up")).containsText("The first 12 trees are planted.");
        assertNoViolations(anyone);
        anyone.locator("table.follow-up a").first().click();
        assertThat(anyone.locator("#item-status")).hasText("Under way");
        assertThat(anyone.locator("#item-percent")).hasText("30 %");
        assertNoViolations(anyone);
        for (String vi : List.of("/city/participation/" + code + "?lang=vi", "/city/participation/" + code + "/follow-up/proposal/1?lang=vi")) {
            anyone.navigate(url(vi));
            assertNoViolations(anyone);
        }
        anyone.context().close();
    }

    private String survey(String process, String code, LocalDate opens, LocalDate closes) {
        return """
                {"process":"%s","titleVi":"Giờ mở chợ đêm","titleEn":"Night market hours","opens":"%s","closes":"%s","audience":"EVERYONE",
                 "questions":[
                   {"code":"hours","kind":"SINGLE","textVi":"Chợ nên đóng lúc mấy giờ?","textEn":"When should it close?","required":true,
                    "options":[{"code":"ten","textVi":"22 giờ","textEn":"10 pm"},{"code":"midnight","textVi":"24 giờ","textEn":"Midnight"}]},
                   {"code":"stalls","kind":"MULTIPLE","textVi":"Bạn muốn quầy nào?","textEn":"Which stalls?","maxChoices":2,
                    "options":[{"code":"food","textVi":"Ăn uống","textEn":"Food"},{"code":"crafts","textVi":"Thủ công","textEn":"Crafts"}]},
                   {"code":"worries","kind":"RANKING","textVi":"Điều gì đáng lo nhất?","textEn":"What worries you most?",
                    "options":[{"code":"noise","textVi":"Tiếng ồn","textEn":"Noise"},{"code":"litter","textVi":"Rác","textEn":"Litter"}]},
                   {"code":"support","kind":"SCALE","textVi":"Bạn ủng hộ đến mức nào?","textEn":"How much do you support it?","scaleMin":1,"scaleMax":5},
                   {"code":"ideas","kind":"TEXT","textVi":"Ý kiến khác?","textEn":"Other ideas?"}]}"""
                .formatted(process, opens, closes);
    }

    @Test
    void someoneAnswersASurveyOnAPhoneWithoutJavaScriptAndReadsTheResultsAndTheResponse() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String process = proposing(suffix);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
        String code = "survey-" + suffix;
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/participation/consultations/" + code,
                survey(process, code, today.minusDays(1), today.plusDays(3))).status()).isEqualTo(201);

        BrowserContext noScript = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setJavaScriptEnabled(false));
        Page page = noScript.newPage();
        page.navigate(url("/city/participation/" + process + "?lang=en"));
        page.getByText("Night market hours").click();
        page.getByText("Send my answers").click();
        assertThat(page.locator(".error-summary")).containsText("“When should it close?” needs an answer.");
        page.getByLabel("Midnight").check();
        page.getByLabel("Food").check();
        page.getByLabel("Litter").selectOption("1");
        page.getByLabel("Noise").selectOption("2");
        page.locator("#q-support_4").check();
        page.getByLabel("Other ideas?").fill("Shuttle buses from the car parks.");
        page.getByText("Send my answers").click();
        assertThat(page.locator("#answered")).containsText("your answers are in");
        // axe needs JavaScript in the page it checks: the open survey, with its problem summary, with it on.
        Page withScript = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)).newPage();
        for (String lang : List.of("en", "vi")) {
            withScript.navigate(url("/city/participation/consultations/" + code + "?lang=" + lang));
            assertNoViolations(withScript);
            withScript.navigate(url("/city/participation/" + process + "?lang=" + lang));      // lists the consultation
            assertNoViolations(withScript);
        }
        withScript.navigate(url("/city/participation/consultations/" + code + "?lang=en"));
        withScript.locator("#consultation-form button[type=submit]").click();
        assertThat(withScript.locator(".error-summary")).isVisible();
        assertNoViolations(withScript);
        // The staff's pages of an open survey: a ward office's form for a resident, the department's page.
        Page staff = signedIn();
        for (String lang : List.of("en", "vi")) {
            staff.navigate(url("/operations/participation/consultations/" + code + "/assist?lang=" + lang));
            assertNoViolations(staff);
            staff.navigate(url("/operations/participation/processes/" + process + "/consultations?lang=" + lang));
            assertNoViolations(staff);
            staff.navigate(url("/operations/participation/" + process + "/assist-proposal?lang=" + lang));
            assertThat(staff.locator("#assist-contact")).isVisible();
            assertNoViolations(staff);
        }

        // It closes; the department responds; the results read as tables.
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/participation/consultations/" + code,
                survey(process, code, today.minusDays(3), today.minusDays(1))).status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/participation/consultations/" + code + "/response",
                "{\"responseVi\":\"Chợ sẽ mở đến nửa đêm.\",\"responseEn\":\"The market will stay open until midnight.\"}").status())
                .isEqualTo(200);
        page.navigate(url("/city/participation/consultations/" + code + "?lang=en"));
        assertThat(page.locator("#response")).hasText("The market will stay open until midnight.");
        assertThat(page.locator("table.results").first()).containsText("Midnight");
        page.navigate(url("/city/participation/consultations/" + code + "?lang=vi"));
        assertThat(page.locator("#results-heading")).hasText("Ý kiến của người dân");
        noScript.close();
        for (String lang : List.of("en", "vi")) {
            withScript.navigate(url("/city/participation/consultations/" + code + "?lang=" + lang));
            assertNoViolations(withScript);
            // closed: what residents wrote and the response, on the department's page
            staff.navigate(url("/operations/participation/processes/" + process + "/consultations?lang=" + lang));
            assertThat(staff.locator("#c-row-" + code)).containsText("Shuttle buses from the car parks.");
            assertNoViolations(staff);
        }
        staff.context().close();
        withScript.context().close();
    }
}
