package com.orbiqhq.drafts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import java.io.File;
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
    void template_namesTheHandlerThatExists() throws Exception {
        String template = Files.readString(Path.of(System.getProperty("project.root", "."), "template.yaml"));

        assertThat(template).contains("Handler: com.orbiqhq.drafts.api.CreateVersionHandler::handleRequest");
        assertThat(CreateVersionHandler.class.getMethod("handleRequest", APIGatewayProxyRequestEvent.class,
                Context.class)).isNotNull();
    }
}
