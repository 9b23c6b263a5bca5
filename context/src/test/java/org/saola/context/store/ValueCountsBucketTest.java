package org.saola.context.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The buckets of {@link ValueCounts} cut the number line in order, and each bucket's bounds are the numbers
 * PostgreSQL compares the bucket's rows with: a number is in the bucket of which it is at least the low bound and
 * less than the high one.
 */
class ValueCountsBucketTest {

    @Test
    void bucketsAreOrderedAsTheNumbersAndHoldTheirNumbers() {
        Random random = new Random(17);
        List<Double> numbers = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, 1.0, -1.0, 64.0, 64.0625, 100.0, 1e-300, -1e300, 123456789.123));
        for (int i = 0; i < 100_000; i++) {
            numbers.add(switch (i % 3) {
                case 0 -> random.nextGaussian() * 1000;
                case 1 -> Double.longBitsToDouble(random.nextLong());
                default -> (double) random.nextInt(400) - 200;
            });
        }
        numbers.removeIf(d -> Double.isNaN(d) || Double.isInfinite(d));
        numbers.sort(Double::compare);
        long previous = Long.MIN_VALUE;
        for (double d : numbers) {
            long b = ValueCounts.bucket(d);
            assertThat(b).as("%s", d).isGreaterThan(ValueCounts.SEVERAL).isGreaterThanOrEqualTo(previous);
            assertThat(ValueCounts.low(b) <= d && d < ValueCounts.high(b)).as("%s in [%s, %s)", d, ValueCounts.low(b),
                    ValueCounts.high(b)).isTrue();
            assertThat(ValueCounts.bucket(ValueCounts.low(b) == Double.NEGATIVE_INFINITY ? d : ValueCounts.low(b)))
                    .isEqualTo(b);
            previous = b;
        }
    }

    @Test
    void infinitiesHaveBucketsOfTheirOwn() {
        long top = ValueCounts.bucket(Double.POSITIVE_INFINITY);
        assertThat(ValueCounts.bucket(Double.MAX_VALUE)).isLessThan(top);
        assertThat(ValueCounts.high(ValueCounts.bucket(Double.MAX_VALUE))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ValueCounts.low(top)).isLessThanOrEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ValueCounts.high(top)).isNaN();
        long bottom = ValueCounts.bucket(Double.NEGATIVE_INFINITY);
        assertThat(bottom).isLessThan(ValueCounts.bucket(-Double.MAX_VALUE)).isGreaterThan(ValueCounts.SEVERAL);
        assertThat(ValueCounts.low(bottom)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void zeroIsOneNumberAndBucketsAreFine() {
        assertThat(ValueCounts.bucket(-0.0)).isEqualTo(ValueCounts.bucket(0.0));
        assertThat(ValueCounts.bucket(-Double.MIN_VALUE)).isLessThan(ValueCounts.bucket(0.0));
        assertThat(ValueCounts.bucket(100)).isNotEqualTo(ValueCounts.bucket(100.5));
        assertThat(ValueCounts.bucket(100)).isEqualTo(ValueCounts.bucket(100.05));
        assertThat(ValueCounts.high(ValueCounts.bucket(64)) - 64).isEqualTo(0.0625);
    }
}
