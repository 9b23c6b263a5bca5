package org.saola.participation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saola.platform.InvalidInputException;

/** A consultation's questions check each answer by their kind, and its results count them as published. */
class ConsultationTest {

    private static Consultation.Option o(String code) {
        return new Consultation.Option(code, code + " vi", code + " en");
    }

    private static Consultation survey() {
        return new Consultation("cho-dem", "p", "Chợ đêm", "Night market", "", "", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31),
                Consultation.Audience.EVERYONE, List.of(), List.of(
                new Consultation.Question("hours", Consultation.Kind.SINGLE, "Giờ?", "Hours?", true, List.of(o("ten"), o("eleven")), 0, 1, 5),
                new Consultation.Question("stalls", Consultation.Kind.MULTIPLE, "Quầy?", "Stalls?", false,
                        List.of(o("food"), o("crafts"), o("music")), 2, 1, 5),
                new Consultation.Question("priority", Consultation.Kind.RANKING, "Ưu tiên?", "Priority?", false,
                        List.of(o("noise"), o("litter"), o("parking")), 0, 1, 5),
                new Consultation.Question("happy", Consultation.Kind.SCALE, "Hài lòng?", "Happy?", false, List.of(), 0, 1, 5),
                new Consultation.Question("ideas", Consultation.Kind.TEXT, "Ý kiến?", "Ideas?", false, List.of(), 0, 1, 5)));
    }

    @Test
    void eachKindOfQuestionChecksItsAnswerAndNamesTheQuestion() {
        Consultation c = survey();
        assertThat(c.check(Map.of("hours", List.of("ten"), "stalls", List.of("food", "music"), "priority", List.of("litter", "noise"),
                "happy", List.of("4"), "ideas", List.of("More bins.")))).containsKeys("hours", "stalls", "priority", "happy", "ideas");
        assertThat(c.check(Map.of("hours", List.of("eleven")))).containsOnlyKeys("hours");          // optional ones left out
        for (Map<String, List<String>> bad : List.of(
                Map.of("stalls", List.of("food")),                                                 // hours is required
                Map.of("hours", List.of("ten", "eleven")),                                         // one only
                Map.of("hours", List.of("noon")),                                                  // not an option
                Map.of("hours", List.of("ten"), "stalls", List.of("food", "crafts", "music")),     // at most 2
                Map.of("hours", List.of("ten"), "priority", List.of("noise", "noise")),            // each once
                Map.of("hours", List.of("ten"), "happy", List.of("9")),                            // off the scale
                Map.of("hours", List.of("ten"), "happy", List.of("lots")),
                Map.of("hours", List.of("ten"), "ideas", List.of("x".repeat(2001))),
                Map.of("hours", List.of("ten"), "colour", List.of("red")))) {                      // no such question
            assertThatThrownBy(() -> c.check(bad)).as(bad.toString()).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> c.check(Map.of("hours", List.of("ten"), "happy", List.of("0"))))
                .hasMessageContaining("happy").hasMessageContaining("from 1 to 5");
    }

    @Test
    void resultsCountChoicesRankingPointsAndTheScaleMean() {
        Consultation c = survey();
        List<Map<String, List<String>>> answers = List.of(
                Map.of("hours", List.of("ten"), "stalls", List.of("food"), "priority", List.of("noise", "litter", "parking"),
                        "happy", List.of("5"), "ideas", List.of("a")),
                Map.of("hours", List.of("eleven"), "stalls", List.of("food", "music"), "priority", List.of("litter", "noise"),
                        "happy", List.of("4")),
                Map.of("hours", List.of("eleven"), "priority", List.of("litter"), "happy", List.of("2")),
                Map.of("hours", List.of("eleven")));
        List<Consultation.QuestionResult> r = c.results(answers);
        assertThat(r.get(0).answered()).isEqualTo(4);
        assertThat(r.get(0).counts()).extracting(Consultation.Count::code, Consultation.Count::count, Consultation.Count::percent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ten", 1, 25), org.assertj.core.groups.Tuple.tuple("eleven", 3, 75));
        assertThat(r.get(1).answered()).isEqualTo(2);
        assertThat(r.get(1).counts()).extracting(Consultation.Count::count).containsExactly(2, 0, 1);
        // Borda over 3 options: 2 points for a first place, 1 for a second. litter 1+2+2 = 5, noise 2+1 = 3, parking 0.
        assertThat(r.get(2).counts()).extracting(Consultation.Count::code, Consultation.Count::points, Consultation.Count::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("litter", 5, 2), org.assertj.core.groups.Tuple.tuple("noise", 3, 1),
                        org.assertj.core.groups.Tuple.tuple("parking", 0, 0));
        assertThat(r.get(3).mean()).isEqualTo(3.7);
        assertThat(r.get(3).counts()).extracting(Consultation.Count::count).containsExactly(0, 1, 0, 1, 1);
        assertThat(r.get(4).answered()).isEqualTo(1);
        assertThat(r.get(4).counts()).isEmpty();                                 // free text: how many, never the words
    }

    @Test
    void aConsultationIsDefinedCompletely() {
        assertThatThrownBy(() -> new Consultation.Question("q", Consultation.Kind.SINGLE, "x", "x", false, List.of(o("a")), 0, 1, 5))
                .hasMessageContaining("at least two options");
        assertThatThrownBy(() -> new Consultation.Question("q", Consultation.Kind.SCALE, "x", "x", false, List.of(), 0, 5, 5))
                .hasMessageContaining("scale");
        assertThatThrownBy(() -> new Consultation("c", "p", "x", "x", "", "", LocalDate.of(2027, 2, 1), LocalDate.of(2027, 1, 1),
                Consultation.Audience.EVERYONE, List.of(), survey().questions())).hasMessageContaining("before it opens");
        assertThatThrownBy(() -> new Consultation("c", "p", "x", "x", "", "", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 2),
                Consultation.Audience.EVERYONE, List.of("An Hải"), survey().questions())).hasMessageContaining("RESIDENTS");
    }
}
