package org.saola.reports.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.saola.platform.InvalidInputException;

/** The catalogue's rules: routing by ward, the answers a category's questions take. */
class ServiceDefinitionTest {

    private static final ServiceAttribute SIZE = ServiceAttribute.of("size", "singlevaluelist", true, true, "Cỡ?", "Size?", "",
            1, List.of(new ServiceAttribute.Value("small", "Nhỏ", "Small"), new ServiceAttribute.Value("large", "Lớn", "Large")));
    private static final ServiceAttribute LANES = ServiceAttribute.of("lanes", "multivaluelist", true, false, "Làn?", "Lanes?",
            "", 2, List.of(new ServiceAttribute.Value("left", "Trái", "Left"), new ServiceAttribute.Value("right", "Phải", "Right")));
    private static final ServiceAttribute DEPTH = ServiceAttribute.of("depth", "number", true, false, "Sâu?", "Depth?", "cm", 3,
            List.of());
    private static final ServiceAttribute SEEN = ServiceAttribute.of("seen", "datetime", true, false, "Khi nào?", "When?", "", 4,
            List.of());

    private static ServiceDefinition pothole() {
        return new ServiceDefinition("pothole", "Ổ gà", "Pothole", "", "", "streets", List.of("road"), Optional.of("roads"),
                Map.of("Sơn Trà", "son-tra-works"), Duration.ofHours(72), Privacy.EXACT, 250, List.of(LANES, SIZE, DEPTH, SEEN), true);
    }

    @Test
    void routesToTheWardsOwnDepartmentElseTheCategorys() {
        assertThat(pothole().departmentFor("Sơn Trà")).contains("son-tra-works");
        assertThat(pothole().departmentFor("Hải Châu")).contains("roads");
        assertThat(pothole().departmentFor("")).contains("roads");
    }

    @Test
    void questionsAreAskedInTheirOrder() {
        assertThat(pothole().attributes()).extracting(ServiceAttribute::code).containsExactly("size", "lanes", "depth", "seen");
    }

    @Test
    void keepsValidAnswersAndRefusesEachKindOfWrongOne() {
        assertThat(pothole().checkAnswers(Map.of("size", List.of(" large "), "lanes", List.of("left", "right"),
                "depth", List.of("12.5"), "seen", List.of("2026-11-30T08:00:00+07:00"))))
                .containsEntry("size", List.of("large")).containsEntry("lanes", List.of("left", "right"));
        assertThatThrownBy(() -> pothole().checkAnswers(Map.of())).hasMessageContaining("attribute[size] is required");
        assertThatThrownBy(() -> pothole().checkAnswers(Map.of("size", List.of("huge"))))
                .hasMessageContaining("must be one of [small, large]");
        assertThatThrownBy(() -> pothole().checkAnswers(Map.of("size", List.of("small", "large"))))
                .hasMessageContaining("takes one answer");
        assertThatThrownBy(() -> pothole().checkAnswers(Map.of("size", List.of("small"), "depth", List.of("deep"))))
                .hasMessageContaining("is a number");
        assertThatThrownBy(() -> pothole().checkAnswers(Map.of("size", List.of("small"), "seen", List.of("yesterday"))))
                .hasMessageContaining("date and time");
        assertThatThrownBy(() -> pothole().checkAnswers(Map.of("size", List.of("small"), "colour", List.of("red"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("asks no question 'colour'");
    }

    @Test
    void refusesCategoriesThatCannotWork() {
        assertThatThrownBy(() -> ServiceAttribute.of("size", "singlevaluelist", true, true, "Cỡ?", "Size?", "", 1, List.of()))
                .hasMessageContaining("give the answers it allows");
        assertThatThrownBy(() -> ServiceAttribute.of("note", "string", false, true, "Lưu ý", "Note", "", 1, List.of()))
                .hasMessageContaining("cannot be required");
        assertThatThrownBy(() -> ServiceAttribute.of("x", "colour", true, false, "?", "?", "", 1, List.of()))
                .hasMessageContaining("datatype");
        assertThatThrownBy(() -> new ServiceDefinition("Pot Hole", "Ổ gà", "Pothole", "", "", "", List.of(), Optional.empty(),
                Map.of(), Duration.ofHours(72), Privacy.EXACT, 250, List.of(), true)).hasMessageContaining("service code");
        assertThatThrownBy(() -> new ServiceDefinition("pothole", "Ổ gà", "Pothole", "", "", "", List.of(), Optional.empty(),
                Map.of(), Duration.ofMinutes(5), Privacy.EXACT, 250, List.of(), true)).hasMessageContaining("1 hour to 365 days");
        assertThatThrownBy(() -> new ServiceDefinition("pothole", "Ổ gà", "Pothole", "", "", "", List.of(), Optional.empty(),
                Map.of(), Duration.ofHours(72), Privacy.EXACT, 250, List.of(SIZE, SIZE), true)).hasMessageContaining("used twice");
    }

    @Test
    void aSensitiveCategoryIsPlacedOnTheSameGridCellEveryTime() {
        double a = Privacy.APPROXIMATE.publicCoordinate(16.061234);
        assertThat(a).isNotEqualTo(16.061234).isCloseTo(16.061234, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Privacy.APPROXIMATE.publicCoordinate(16.0609)).as("a neighbour in the same cell").isEqualTo(a);
        assertThat(Privacy.EXACT.publicCoordinate(16.061234)).isEqualTo(16.061234);
    }

    @Test
    void openStatusesAreOpenForOpen311AndEachClosedOutcomeIsClosed() {
        assertThat(ReportStatus.IN_PROGRESS.open311()).isEqualTo("open");
        assertThat(ReportStatus.NOT_FIXED.open311()).isEqualTo("closed");
        assertThat(ReportStatus.ACKNOWLEDGED.resolutionStatus()).isEqualTo("Assigned");
        assertThatThrownBy(() -> ReportStatus.parse("status", "DONE")).hasMessageContaining("status must be one of");
    }

    @Test
    void aReportNeedsAPlaceAndAtMostThreePhotos() {
        assertThatThrownBy(() -> new NewReport("pothole", Optional.empty(), Optional.empty(), "", "", "", "", Map.of(), "",
                Optional.empty(), Optional.empty(), Optional.empty(), "web", List.of())).hasMessageContaining("where the problem is");
        assertThatThrownBy(() -> new NewReport("pothole", Optional.of(91.0), Optional.of(108.0), "", "", "", "", Map.of(), "",
                Optional.empty(), Optional.empty(), Optional.empty(), "web", List.of())).hasMessageContaining("-90 to 90");
        assertThatThrownBy(() -> new NewReport("pothole", Optional.empty(), Optional.empty(), "12 Lê Lợi", "", "", "", Map.of(),
                "javascript:alert(1)", Optional.empty(), Optional.empty(), Optional.empty(), "web", List.of()))
                .hasMessageContaining("media_url");
        byte[] p = new byte[1];
        assertThatThrownBy(() -> new NewReport("pothole", Optional.empty(), Optional.empty(), "12 Lê Lợi", "", "", "", Map.of(), "",
                Optional.empty(), Optional.empty(), Optional.empty(), "web", List.of(p, p, p, p))).hasMessageContaining("at most 3");
    }
}
