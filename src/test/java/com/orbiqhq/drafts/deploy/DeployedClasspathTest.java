package com.orbiqhq.drafts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads the function the way the Lambda Java runtime does: from the deployed classpath alone (the classes and
 * the runtime dependencies, nothing from the tests), with the runtime's own event deserializer reading each file
 * in events/. A dependency the runtime needs but the package lacks fails here, not in production.
 */
class DeployedClasspathTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "."));
    private static final String PROXY_EVENT =
            "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent";

    static Stream<Path> eventFiles() throws IOException {
        return Files.list(ROOT.resolve("events"))
                .filter(file -> file.getFileName().toString().startsWith("create-"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("eventFiles")
    void runtimeDeserializer_readsEventFile_withOnlyTheDeployedClasspath(Path eventFile) throws Exception {
        try (URLClassLoader function = new URLClassLoader(deployedClasspath(), ClassLoader.getPlatformClassLoader());
                InputStream json = Files.newInputStream(eventFile)) {
            Class<?> eventType = function.loadClass(PROXY_EVENT);
            PojoSerializer<?> serializer = LambdaEventSerializers.serializerFor(eventType, function);

            Object event = serializer.fromJson(json);

            assertThat(eventType.getMethod("getHttpMethod").invoke(event)).isEqualTo("POST");
            assertThat(eventType.getMethod("getPathParameters").invoke(event)).asString().contains("id=");
            Class<?> handler = function.loadClass("com.orbiqhq.drafts.api.CreateVersionHandler");
            assertThat(handler.getMethod("handleRequest", eventType,
                    function.loadClass("com.amazonaws.services.lambda.runtime.Context"))).isNotNull();
        }
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
