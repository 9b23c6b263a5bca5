package org.saola.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** API keys are found by their SHA-256 digest: it must be SHA-256 itself, from any number of threads at once. */
class SecretsTest {

    @Test
    void sha256IsTheStandardDigest() {
        // FIPS 180-2, appendix B.1 and the empty message.
        assertThat(HexFormat.of().formatHex(Secrets.sha256("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(HexFormat.of().formatHex(Secrets.sha256("")))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void digestsTakenAtOnceDoNotMix() throws Exception {
        List<Callable<Boolean>> tasks = IntStream.range(0, 64).<Callable<Boolean>>mapToObj(i -> () -> {
            String secret = "key-" + i;
            byte[] first = Secrets.sha256(secret);
            for (int k = 0; k < 2_000; k++) {
                if (!java.util.Arrays.equals(first, Secrets.sha256(secret))) {
                    return false;
                }
            }
            return java.util.Arrays.equals(first,
                    java.security.MessageDigest.getInstance("SHA-256").digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }).toList();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isTrue();
            }
        }
    }
}
