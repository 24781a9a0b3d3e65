package io.asyncorm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/getting-started.md} shows every file of the module {@code async-orm-getting-started}, which the build
 * compiles and tests: a page that differs from the files (or leaves one out) fails here.
 */
class GettingStartedPageTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern FILE = Pattern.compile("\\*\\*`([^`]+)`\\*\\*\\n\\n```\\w*\\n(.*?)```\\n", Pattern.DOTALL);

    @Test
    void thePageShowsEveryFileOfTheBuiltProjectVerbatim() throws IOException {
        Path project = ROOT.resolve("async-orm-getting-started");
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher matcher = FILE.matcher(Files.readString(ROOT.resolve("docs/getting-started.md")));
        while (matcher.find()) {
            shown.put(matcher.group(1), matcher.group(2));
        }
        List<String> files;
        try (Stream<Path> walk = Files.walk(project)) {
            files = walk.filter(Files::isRegularFile).map(path -> project.relativize(path).toString().replace('\\', '/'))
                    .filter(path -> path.equals("pom.xml") || path.startsWith("src/")).sorted().toList();
        }
        assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(files);
        for (String file : files) {
            assertThat(shown.get(file)).as(file).isEqualTo(Files.readString(project.resolve(file)));
        }
    }
}
