package com.orbiqhq.drafts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.testing.Scripts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam build} (the pinned aws-sam-cli that scripts/test installs) builds the template as an operator's
 * {@code sam build && sam deploy --guided} would, in a copy of the project so it cannot disturb this build, and
 * the artifact holds exactly the function's classes and its runtime classpath: no tests, no local tools, no
 * test or build jars.
 */
class SamBuildIT {
    private static final List<String> PROJECT_FILES = List.of(
            "pom.xml", "mvnw", ".mvn", "Makefile", "template.yaml", "samconfig.toml", "config", "scripts", "src/main");

    @Test
    void samBuild_onTemplate_packagesExactlyTheRuntimeClasspath(@TempDir Path project) throws Exception {
        for (String file : PROJECT_FILES) {
            copy(Scripts.ROOT.resolve(file), project.resolve(file));
        }
        Path log = project.resolve("sam-build.log");
        ProcessBuilder sam = new ProcessBuilder(Scripts.ROOT.resolve(".venv/bin/sam").toString(), "build",
                "--build-dir", ".aws-sam/build")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        sam.environment().put("SAM_CLI_TELEMETRY", "0");
        sam.environment().put("JAVA_HOME", System.getProperty("java.home"));

        Process build = sam.start();
        boolean finished = build.waitFor(10, TimeUnit.MINUTES);

        assertThat(finished).as("sam build finished").isTrue();
        assertThat(build.exitValue()).as(Files.readString(log)).isZero();
        Path function = project.resolve(".aws-sam/build/CreateVersionFunction");
        assertThat(function.resolve("com/orbiqhq/drafts/api/CreateVersionHandler.class")).exists();
        assertThat(function.resolve("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")).exists();
        assertThat(function.resolve("com/orbiqhq/drafts/local")).doesNotExist();
        assertThat(function.resolve("com/orbiqhq/drafts/testing")).doesNotExist();
        assertThat(fileNames(function.resolve("lib"))).isEqualTo(runtimeClasspathJars());
        Path scheduled = project.resolve(".aws-sam/build/ScheduledDraftFunction");
        assertThat(scheduled.resolve("com/orbiqhq/drafts/schedule/ScheduledDraftHandler.class")).exists();
        assertThat(fileNames(scheduled.resolve("lib"))).isEqualTo(runtimeClasspathJars());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static Set<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<String> runtimeClasspathJars() throws IOException {
        String classpath = Files.readString(Scripts.ROOT.resolve("target/runtime-classpath.txt")).strip();
        return Arrays.stream(classpath.split(File.pathSeparator))
                .map(jar -> Path.of(jar).getFileName().toString())
                .collect(Collectors.toSet());
    }
}
