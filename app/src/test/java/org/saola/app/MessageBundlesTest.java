package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every page is in Vietnamese and English: each message bundle has the same keys in both, none empty. */
class MessageBundlesTest {

    @Test
    void vietnameseAndEnglishBundlesHaveTheSameKeys() throws IOException {
        Map<String, Properties> english = new TreeMap<>();
        Map<String, Properties> vietnamese = new TreeMap<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            String name = r.getFilename();
            if (name.endsWith("_vi.properties")) {
                vietnamese.put(name.replace("_vi.properties", ""), load(r));
            } else if (!name.contains("_")) {
                english.put(name.replace(".properties", ""), load(r));
            }
        }
        assertThat(english.keySet()).contains("web", "devices").isEqualTo(vietnamese.keySet());
        english.forEach((bundle, en) -> {
            Properties vi = vietnamese.get(bundle);
            Set<String> enKeys = en.stringPropertyNames();
            assertThat(vi.stringPropertyNames()).as("keys of i18n/%s_vi vs i18n/%s", bundle, bundle)
                    .containsExactlyInAnyOrderElementsOf(enKeys);
            enKeys.forEach(k -> {
                assertThat(en.getProperty(k)).as("%s in %s", k, bundle).isNotBlank();
                assertThat(vi.getProperty(k)).as("%s in %s_vi", k, bundle).isNotBlank();
            });
        });
    }

    private static Properties load(Resource r) throws IOException {
        Properties p = new Properties();
        try (InputStream in = r.getInputStream()) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
