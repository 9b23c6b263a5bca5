package org.saola.alerts.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.alerts.warnings.WarningComposer;
import org.saola.alerts.warnings.WarningDraft;
import org.saola.alerts.warnings.WarningSettings;
import org.saola.platform.InvalidInputException;

/** CAP 1.2 messages as Saola writes them: valid against its own schema and the aggregators' rules, or refused. */
class CapMessageTest {

    static final ZoneId CITY = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant NOW = Instant.parse("2026-11-30T13:05:00Z");
    static final WarningSettings SETTINGS = new WarningSettings("canhbao@danang.example", "Ban Chỉ huy PCTT Đà Nẵng",
            "Da Nang Disaster Prevention Committee", "1900 1234", "https://saola.danang.example", CITY);

    static WarningDraft.Text t(String vi, String en) {
        return new WarningDraft.Text(vi, en);
    }

    static WarningDraft flood(List<WarningDraft.AreaDraft> areas) {
        return new WarningDraft(null, List.of("Met", "Geo"), t("Lũ", "Flood"), new WarningDraft.CodeValue("saola", "flood"),
                List.of("Prepare"), "Expected", "Severe", "Likely", "2026-11-30T21:00:00+07:00", "2026-12-01T06:00:00+07:00",
                t("Lũ trên sông Hàn vượt báo động 2", "Han river flood over alarm level 2"),
                t("Mực nước sông Hàn tại cầu Trần Thị Lý 2,4 m và đang lên.", "The Han river at Tran Thi Ly bridge is 2.4 m and rising."),
                t("Di chuyển xe lên chỗ cao.", "Move vehicles to higher ground."), areas);
    }

    static final WarningDraft.Geometry SQUARE = new WarningDraft.Geometry("Polygon", List.of(List.of(
            List.of(108.2, 16.05), List.of(108.25, 16.05), List.of(108.25, 16.1), List.of(108.2, 16.1))));

    static CapMessage message(WarningComposer.Composed c, String msgType, List<CapMessage.Reference> refs) {
        return new CapMessage("saola-" + UUID.randomUUID(), SETTINGS.sender(), NOW, c.status(), msgType,
                Optional.empty(), refs, c.infos());
    }

    @Test
    void aComposedWarningIsValidCapInBothLanguages() {
        WarningComposer.Composed c = WarningComposer.compose(flood(List.of(
                new WarningDraft.AreaDraft(t("Ven sông Hàn", "Han riverside"), SQUARE, null, List.of()),
                new WarningDraft.AreaDraft(null, null, new WarningDraft.CircleDraft(16.0612345678, 108.2234, 2.0), List.of("Hải Châu 1")))),
                UUID.randomUUID(), SETTINGS, Set.of("Hải Châu 1", "Thạch Thang"), NOW);
        String xml = CapXml.write(message(c, "Alert", List.of()), CITY);

        assertThat(CapSchema.problem(xml)).isEmpty();
        assertThat(CapProfile.problems(xml, id -> false)).isEmpty();
        assertThat(xml).contains("<sent>2026-11-30T20:05:00+07:00</sent>")
                .contains("<expires>2026-12-01T06:00:00+07:00</expires>")
                .contains("<language>vi-VN</language>").contains("<language>en-US</language>")
                // closed for the author, latitude first, at most six decimals
                .contains("<polygon>16.05,108.2 16.05,108.25 16.1,108.25 16.1,108.2 16.05,108.2</polygon>")
                .contains("<circle>16.061235,108.2234 2</circle>")
                .contains("<geocode><valueName>ward</valueName><value>Hải Châu 1</value></geocode>")
                .contains("<web>https://saola.danang.example/city/warnings/");
        assertThat(CapXml.time(NOW, ZoneId.of("UTC"))).isEqualTo("2026-11-30T13:05:00-00:00");
    }

    @Test
    void theSchemaRefusesWhatTheStandardForbids() {
        WarningComposer.Composed c = WarningComposer.compose(flood(List.of(
                new WarningDraft.AreaDraft(t("Ven sông", "Riverside"), SQUARE, null, List.of()))), UUID.randomUUID(), SETTINGS,
                Set.of(), NOW);
        String xml = CapXml.write(message(c, "Alert", List.of()), CITY);
        assertThat(CapSchema.problem(xml.replaceFirst("<identifier>saola-", "<identifier>saola "))).isPresent();
        assertThat(CapSchema.problem(xml.replace("<status>Actual</status>", "<status>Real</status>"))).isPresent();
        assertThat(CapSchema.problem(xml.replace("2026-11-30T20:05:00+07:00", "2026-11-30T13:05:00Z"))).isPresent();
        assertThat(CapSchema.problem(xml.replace("<urgency>Expected</urgency>", ""))).isPresent();
        assertThat(CapSchema.problem(xml.replaceFirst("<polygon>[^<]*</polygon>", "<polygon>16.05,108.2 16.1,108.2</polygon>")))
                .isPresent();
    }

    @Test
    void theAggregatorsRulesAreChecked() {
        WarningComposer.Composed c = WarningComposer.compose(flood(List.of(
                new WarningDraft.AreaDraft(t("Ven sông", "Riverside"), SQUARE, null, List.of()))), UUID.randomUUID(), SETTINGS,
                Set.of(), NOW);
        String alert = CapXml.write(message(c, "Alert", List.of()), CITY);
        String update = CapXml.write(message(c, "Update", List.of()), CITY);
        assertThat(CapProfile.problems(update, id -> true)).anyMatch(p -> p.contains("references"));
        String unknown = CapXml.write(message(c, "Cancel", List.of(new CapMessage.Reference(SETTINGS.sender(), "saola-x", NOW))), CITY);
        assertThat(CapProfile.problems(unknown, id -> false)).anyMatch(p -> p.contains("not an earlier message"));
        assertThat(CapProfile.problems(unknown, id -> id.equals("saola-x"))).isEmpty();
        assertThat(CapProfile.problems(alert.replaceAll("<description>[^<]*</description>", ""), id -> false))
                .contains("info[0] has no description", "info[1] has no description");
        assertThat(CapProfile.problems(alert.replaceFirst("<polygon>[^<]*</polygon>",
                "<polygon>16.05,108.2 16.1,108.25 16.05,108.25 16.1,108.2 16.05,108.2</polygon>"), id -> false))
                .anyMatch(p -> p.contains("crosses itself"));
        assertThat(CapProfile.problems(alert.replaceFirst("<polygon>[^<]*</polygon>",
                "<polygon>16.05,108.2 16.05,108.25 16.1,108.25 16.1,108.2</polygon>"), id -> false))
                .anyMatch(p -> p.contains("not closed"));
        assertThat(CapProfile.problems(alert.replaceFirst("<category>Geo</category>", ""), id -> false))
                .anyMatch(p -> p.contains("other categories"));
        assertThat(CapProfile.problems(alert.replaceAll("<area>.*?</area>", ""), id -> false))
                .contains("info[0] has no area");
    }

    @Test
    void aDraftsMistakesAreNamed() {
        assertThatThrownBy(() -> WarningComposer.compose(flood(List.of(new WarningDraft.AreaDraft(t("x", "x"),
                new WarningDraft.Geometry("Polygon", List.of(List.of(List.of(108.2, 16.05), List.of(108.25, 16.1),
                        List.of(108.25, 16.05), List.of(108.2, 16.1)))), null, List.of()))),
                UUID.randomUUID(), SETTINGS, Set.of(), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("crosses itself")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("areas[0].polygon");
        assertThatThrownBy(() -> WarningComposer.compose(flood(List.of(new WarningDraft.AreaDraft(null, null, null,
                List.of("Atlantis")))), UUID.randomUUID(), SETTINGS, Set.of("Hải Châu 1"), NOW))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("areas[0].wards");
        assertThatThrownBy(() -> WarningComposer.compose(flood(List.of()), UUID.randomUUID(), SETTINGS, Set.of(), NOW))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("areas");
        assertThatThrownBy(() -> WarningComposer.compose(flood(List.of(new WarningDraft.AreaDraft(null, null, null,
                List.of("Hải Châu 1")))), UUID.randomUUID(), SETTINGS, Set.of(), NOW.plusSeconds(86_400)))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("expires");
        WarningDraft d = flood(List.of(new WarningDraft.AreaDraft(null, null, null, List.of("Hải Châu 1"))));
        WarningDraft noEnglish = new WarningDraft(d.status(), d.categories(), d.event(), d.eventCode(), d.responseTypes(),
                d.urgency(), d.severity(), d.certainty(), d.onset(), d.expires(), t("Lũ", null), d.description(),
                d.instruction(), d.areas());
        assertThatThrownBy(() -> WarningComposer.compose(noEnglish, UUID.randomUUID(), SETTINGS, Set.of(), NOW))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("headline.en");
    }
}
