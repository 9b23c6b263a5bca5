package org.saola.context.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * History's keys are merged in the order PostgreSQL's "C" collation gives them, the order of their UTF-8 bytes:
 * the comparison without encoding must agree with it for every string, Vietnamese letters and characters beyond
 * U+FFFF (surrogate pairs in Java) included.
 */
class HistoryKeyOrderTest {

    private static final String[] PIECES = {"urn:ngsi-ld:Gauge:", "a", "b", "Z", "0", "9", "ă", "ơ", "Đ", "ử", "\uE000",
            "\uFFFD", "\uFF21", "😀", "𝄞", "\u0000", ""};

    @Test
    void comparesAsUtf8BytesDo() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            String a = text(random);
            String b = random.nextInt(4) == 0 ? a + text(random) : text(random);
            int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(HistoryStore.bytewise(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
            assertThat(Integer.signum(HistoryStore.bytewise(b, a))).isEqualTo(-expected);
        }
        assertThat(HistoryStore.bytewise("\uFFFD", "😀")).as("U+FFFD before U+1F600, though its UTF-16 unit is greater")
                .isNegative();
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(4); n > 0; n--) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
