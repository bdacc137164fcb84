package com.orbiqhq.drafts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orbiqhq.drafts.testing.Ports;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads the function the way the Lambda Java runtime does: from the deployed classpath alone (the classes and
 * the runtime dependencies, nothing from the tests), and hands the stream handler each file in events/ as bytes.
 * The database is unreachable, so a request that gets past its checks answers 503: every class from event
 * parsing and token verification to the DynamoDB request and the response must be in the package. A dependency
 * the function needs but the package lacks fails here, not in production.
 */
class DeployedClasspathTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "."));
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> eventFiles() throws IOException {
        return Files.list(ROOT.resolve("events"))
                .filter(file -> file.getFileName().toString().startsWith("create-"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("eventFiles")
    void handler_answersEventFile_withOnlyTheDeployedClasspath(Path eventFile) throws Exception {
        String name = eventFile.getFileName().toString();
        int expected = name.contains("missing-token") ? 401 : name.contains("unknown-field") ? 400 : 503;
        try (URLClassLoader function = new URLClassLoader(deployedClasspath(), ClassLoader.getPlatformClassLoader());
                InputStream event = Files.newInputStream(eventFile)) {
            Class<?> environment = function.loadClass("com.orbiqhq.drafts.config.Environment");
            Class<?> handlerType = function.loadClass("com.orbiqhq.drafts.api.CreateVersionHandler");
            Object handler = handlerType.getConstructor(environment)
                    .newInstance(environment.getMethod("of", Map.class).invoke(null, unreachableDatabase()));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();

            handlerType.getMethod("handleRequest", InputStream.class, OutputStream.class,
                    function.loadClass("com.amazonaws.services.lambda.runtime.Context"))
                    .invoke(handler, event, answer, null);

            JsonNode response = JSON.readTree(answer.toByteArray());
            assertThat(response.path("statusCode").asInt()).as(answer.toString()).isEqualTo(expected);
            assertThat(response.path("headers").path("X-Request-Id").asText()).isNotBlank();
            assertThat(JSON.readTree(response.path("body").asText()).path("code").asText()).isNotBlank();
        }
    }

    private static Map<String, String> unreachableDatabase() {
        return Map.of(
                "TABLE_NAME", "deployed-classpath-check",
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + Ports.closedPort(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "JWT_ISSUER", Tokens.ISSUER,
                "JWT_AUDIENCE", Tokens.AUDIENCE,
                "JWT_HS256_SECRET", Tokens.SECRET);
    }

    private static URL[] deployedClasspath() throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(ROOT.resolve("target/classes")));
        String classpath = Files.readString(ROOT.resolve("target/runtime-classpath.txt")).strip();
        for (String jar : classpath.split(File.pathSeparator)) {
            urls.add(url(Path.of(jar)));
        }
        return urls.toArray(URL[]::new);
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }
}
