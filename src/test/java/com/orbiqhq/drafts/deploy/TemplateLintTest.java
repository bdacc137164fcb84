package com.orbiqhq.drafts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.schedule.ScheduledDraftHandler;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** template.yaml passes cfn-lint (the executable scripts/test installs into .venv) with no finding at all. */
class TemplateLintTest {
    @Test
    void cfnLint_onTemplate_reportsNothing() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "."));
        String cfnLint = System.getProperty("cfn.lint", root.resolve(".venv/bin/cfn-lint").toString());
        assertThat(new File(cfnLint)).as("cfn-lint installed by scripts/test").canRead();
        Path output = Files.createTempFile("cfn-lint", ".txt");

        Process lint = new ProcessBuilder(cfnLint, "--", root.resolve("template.yaml").toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = lint.waitFor(5, TimeUnit.MINUTES);

        String findings = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("cfn-lint finished").isTrue();
        assertThat(findings).as("cfn-lint findings").isEmpty();
        assertThat(lint.exitValue()).isZero();
    }

    @Test
    void samTransform_ofTemplate_deploysWhatTheServiceReliesOn() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "."));
        Path output = Files.createTempFile("template-checks", ".txt");

        Process checks = new ProcessBuilder(root.resolve(".venv/bin/python").toString(),
                root.resolve("src/test/python/check_template.py").toString(), root.resolve("template.yaml").toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = checks.waitFor(5, TimeUnit.MINUTES);

        assertThat(finished).isTrue();
        assertThat(checks.exitValue()).as(Files.readString(output)).isZero();
    }

    @Test
    void template_namesTheHandlerThatExists() throws Exception {
        String template = Files.readString(Path.of(System.getProperty("project.root", "."), "template.yaml"));

        assertThat(template).contains("Handler: com.orbiqhq.drafts.api.CreateVersionHandler::handleRequest");
        assertThat(CreateVersionHandler.class.getMethod("handleRequest", InputStream.class, OutputStream.class,
                Context.class)).isNotNull();
        assertThat(template).contains("Handler: com.orbiqhq.drafts.schedule.ScheduledDraftHandler::handleRequest");
        assertThat(ScheduledDraftHandler.class.getMethod("handleRequest", InputStream.class, OutputStream.class,
                Context.class)).isNotNull();
    }
}
