package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every page is in Vietnamese and English: each message bundle has the same keys in both, none empty, and every
 * problem key the code gives an exception is in them.
 */
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

    /**
     * A page shows a domain problem by its message key ({@code web.shell.ProblemText}); a key the code names but no
     * bundle has would show the API's English detail to every reader. Keys are found as string literals
     * ({@code "participation.problem.x"}, {@code ….conflict.…}, {@code ….notFound.…}) in each module's main sources.
     */
    @Test
    void everyProblemKeyTheCodeNamesIsInTheBundles() throws IOException {
        Properties english = new Properties();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            if (!r.getFilename().contains("_")) {
                english.putAll(load(r));
            }
        }
        // Maven runs the app's tests in app/; an IDE may run them at the repository's root
        Path root = Files.isDirectory(Path.of("app", "src")) ? Path.of(".") : Path.of("..");
        Pattern key = Pattern.compile("\"([a-z]+\\.(?:problem|conflict|notFound)\\.[A-Za-z0-9.]+)\"");
        Set<String> named = new TreeSet<>();
        Map<String, Set<String>> missing = new TreeMap<>();
        List<Path> sources;
        try (Stream<Path> modules = Files.list(root)) {
            sources = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
        }
        for (Path source : sources) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(f -> f.toString().endsWith(".java")).toList();
            }
            for (Path file : files) {
                Matcher m = key.matcher(Files.readString(file));
                while (m.find()) {
                    named.add(m.group(1));
                    if (!english.containsKey(m.group(1))) {
                        missing.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(root.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(named).as("problem keys named in */src/main/java under %s", root.toAbsolutePath().normalize()).isNotEmpty();
        assertThat(missing).as("problem keys the code names that no English bundle has (key: files)").isEmpty();
    }

    private static Properties load(Resource r) throws IOException {
        Properties p = new Properties();
        try (InputStream in = r.getInputStream()) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
