package dev.weft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The example test of this module's README is, character for character, the test of the sample
 * project {@code src/it/user-junit-versions}, which the build runs as a user's project on the
 * oldest and the newest JUnit 5 it supports.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadmeExampleTest {
    private static final Path README = Path.of("README.md");
    private static final Path SAMPLE =
            Path.of("src/it/user-junit-versions/src/test/java/com/example/EchoServiceTest.java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @Test
    void readmeExampleShouldBeTheSampleProjectsTest() throws IOException {
        List<String> blocks = javaBlocks(Files.readString(README));

        assertThat(blocks).contains(Files.readString(SAMPLE));
    }

    private static List<String> javaBlocks(String markdown) {
        Matcher m = JAVA_BLOCK.matcher(markdown);
        return m.results().map(r -> r.group(1)).toList();
    }
}
