package org.saola.context.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A compacted block gives back exactly the instances it was made of (number, times, and the JSON the temporal API
 * serves), whatever they hold, and a regular sensor series costs about a byte an instance.
 */
class HistoryBlockTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private static final long DAY = 1_795_000_000_000_000L / 86_400_000_000L * 86_400_000_000L;   // a UTC midnight, µs

    @Test
    void aRegularSensorSeriesTakesAboutOneByteAnInstanceAndComesBackExactly() {
        Random random = new Random(3);
        List<HistoryBlock.Row> rows = new ArrayList<>();
        double level = 21.3;
        for (int i = 0; i < 1440; i++) {
            long at = DAY + i * 60_000_000L;
            level = Math.round((level + (random.nextInt(3) - 1) * 0.1) * 10) / 10.0;
            rows.add(new HistoryBlock.Row(1_000 + i * 7L, at, at,
                    "{\"type\": \"Property\", \"value\": " + level + ", \"unitCode\": \"CEL\", \"observedAt\": \""
                            + HistoryBlock.observedText(HistoryBlock.OBSERVED_ISO, at) + "\"}"));
        }
        HistoryBlock.Encoded block = HistoryBlock.encode(rows, json);
        assertThat(block.encoding()).isEqualTo(HistoryBlock.NUMERIC);
        assertThat((double) block.data().length / rows.size()).as("bytes per instance").isLessThan(1.0);
        assertSame(rows, block);
        assertThat(block.summary().numbers()).isEqualTo(1440);
        assertThat(block.summary().sum()).isCloseTo(rows.stream()
                .mapToDouble(r -> json.readTree(r.text()).get("value").asDouble()).sum(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aDevicesArrivalLagCostsLittleMoreThanItsNoise() {
        Random random = new Random(4);
        List<HistoryBlock.Row> rows = new ArrayList<>();
        for (int i = 0; i < 1440; i++) {
            long at = DAY + i * 60_000_000L;
            rows.add(new HistoryBlock.Row(1_000 + i, at, at + 20_000 + random.nextInt(65_536),
                    "{\"type\": \"Property\", \"value\": " + (i % 7) + ", \"observedAt\": \""
                            + HistoryBlock.observedText(HistoryBlock.OBSERVED_ISO, at) + "\"}"));
        }
        HistoryBlock.Encoded block = HistoryBlock.encode(rows, json);
        assertSame(rows, block);
        // 16 bits of noise a reading (uniform over 65 536 µs) cannot be stored in fewer: about 2 bytes, plus the values.
        assertThat((double) block.data().length / rows.size()).as("bytes per instance").isBetween(2.0, 2.9);
    }

    @Test
    void devicesTimesOfWritingJitterAndAnyDoubleStillComeBackExactly() {
        Random random = new Random(5);
        List<HistoryBlock.Row> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long at = DAY + i * 60_000_000L + random.nextInt(2_000) * 1_000L;
            double v = random.nextGaussian() * 1e5;
            rows.add(new HistoryBlock.Row(50_000 + i * 3L + random.nextInt(2), at, i % 10 == 0 ? null : at + random.nextInt(40_000),
                    "{\"type\": \"Property\", \"value\": " + v + ", \"observedAt\": \""
                            + HistoryBlock.observedText(HistoryBlock.OBSERVED_MILLIS, at) + "\"}"));
        }
        HistoryBlock.Encoded block = HistoryBlock.encode(rows, json);
        assertThat(block.encoding()).isEqualTo(HistoryBlock.NUMERIC);
        assertSame(rows, block);
    }

    @Test
    void integersWithoutObservedAtComeBackAsIntegers() {
        List<HistoryBlock.Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long at = DAY + i * 1_000_000L;
            rows.add(new HistoryBlock.Row(i, at, at, "{\"type\": \"Property\", \"value\": " + (i * i - 50) + "}"));
        }
        HistoryBlock.Encoded block = HistoryBlock.encode(rows, json);
        assertThat(block.encoding()).isEqualTo(HistoryBlock.NUMERIC);
        assertSame(rows, block);
        assertThat(HistoryBlock.decode(block.encoding(), block.template(), block.data(), json).get(3).json().get("value").isIntegralNumber())
                .isTrue();
    }

    @Test
    void anythingElseIsKeptAsItsTextCompressed() {
        List<HistoryBlock.Row> rows = new ArrayList<>();
        String[] values = {"\"fault\"", "\"ok\"", "{\"a\": 1, \"b\": [1, 2]}", "12345678901234567890123", "1.5", "7", "null",
            "\"tiếng Việt\\nhai dòng\""};
        for (int i = 0; i < values.length * 5; i++) {
            long at = DAY + i * 60_000_000L;
            rows.add(new HistoryBlock.Row(i, at, null, "{\"type\": \"Property\", \"value\": " + values[i % values.length]
                    + ", \"observedAt\": \"2026-11-30T08:00:00+07:00\"" + (i % 3 == 0 ? ", \"datasetId\": \"urn:d:" + i + "\"" : "")
                    + "}"));
        }
        rows.add(new HistoryBlock.Row(999, DAY, DAY + 5, "{\"type\": \"GeoProperty\", \"value\": {\"type\": \"Point\", \"coordinates\": [108.2, 16.05]}}"));
        HistoryBlock.Encoded block = HistoryBlock.encode(rows, json);
        assertThat(block.encoding()).isEqualTo(HistoryBlock.GENERIC);
        assertSame(rows, block);
        assertThat(block.summary().count()).isEqualTo(rows.size());
        assertThat(block.summary().numbers()).isEqualTo(15);
    }

    @Test
    void aMemberThatDiffersKeepsTheSeriesNumericOnlyIfItIsTheValue() {
        List<HistoryBlock.Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long at = DAY + i * 60_000_000L;
            rows.add(new HistoryBlock.Row(i, at, at, "{\"type\": \"Property\", \"value\": " + i + ".5, \"unitCode\": \""
                    + (i == 7 ? "KEL" : "CEL") + "\"}"));
        }
        HistoryBlock.Encoded block = HistoryBlock.encode(rows, json);
        assertThat(block.encoding()).isEqualTo(HistoryBlock.GENERIC);
        assertSame(rows, block);
    }

    @Test
    void twoSummariesAddUpToTheSummaryOfAllTheirInstances() {
        Random random = new Random(6);
        List<HistoryBlock.Row> first = new ArrayList<>();
        List<HistoryBlock.Row> second = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long at = DAY + i * 60_000_000L;
            String value = i % 50 == 0 ? "\"off\"" : String.valueOf(random.nextGaussian() * (i < 300 ? 2 : 9) + (i < 300 ? 10 : 40));
            (i < 300 ? first : second).add(new HistoryBlock.Row(i, at, at, "{\"type\": \"Property\", \"value\": " + value + "}"));
        }
        List<HistoryBlock.Row> all = new ArrayList<>(first);
        all.addAll(second);
        HistoryBlock.Summary whole = HistoryBlock.encode(all, json).summary();
        HistoryBlock.Summary added = HistoryBlock.encode(first, json).summary().plus(HistoryBlock.encode(second, json).summary());
        assertThat(added.count()).isEqualTo(500);
        assertThat(added.numbers()).isEqualTo(whole.numbers()).isEqualTo(490);
        assertThat(added.sum()).isCloseTo(whole.sum(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(added.min()).isEqualTo(whole.min());
        assertThat(added.max()).isEqualTo(whole.max());
        assertThat(added.sumOfSquares()).isCloseTo(whole.sumOfSquares(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(added.m2()).isCloseTo(whole.m2(), org.assertj.core.data.Offset.offset(1e-6));

        HistoryBlock.Summary text = HistoryBlock.encode(List.of(new HistoryBlock.Row(1, DAY, DAY,
                "{\"type\": \"Property\", \"value\": \"on\"}")), json).summary();
        assertThat(text.plus(whole)).isEqualTo(new HistoryBlock.Summary(501, 490, whole.sum(), whole.min(), whole.max(),
                whole.sumOfSquares(), whole.m2()));
        assertThat(HistoryBlock.open(HistoryBlock.SUMMARY, null, new byte[0], json).size()).as("no instances").isZero();
    }

    private void assertSame(List<HistoryBlock.Row> rows, HistoryBlock.Encoded block) {
        List<HistoryBlock.Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> a.observedMicros() != b.observedMicros() ? Long.compare(a.observedMicros(), b.observedMicros())
                : Long.compare(a.instanceId(), b.instanceId()));
        List<HistoryBlock.Instance> back = HistoryBlock.decode(block.encoding(), block.template(), block.data(), json);
        assertThat(back).hasSameSizeAs(sorted);
        for (int i = 0; i < back.size(); i++) {
            HistoryBlock.Row r = sorted.get(i);
            HistoryBlock.Instance d = back.get(i);
            assertThat(d.instanceId()).isEqualTo(r.instanceId());
            assertThat(d.observedMicros()).isEqualTo(r.observedMicros());
            assertThat(d.writtenMicros()).isEqualTo(r.writtenMicros());
            assertThat(json.writeValueAsString(d.json())).isEqualTo(json.writeValueAsString(json.readTree(r.text())));
        }
    }
}
