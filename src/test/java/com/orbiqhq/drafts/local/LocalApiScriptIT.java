package com.orbiqhq.drafts.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orbiqhq.drafts.testing.Ports;
import com.orbiqhq.drafts.testing.Scripts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * scripts/local-api as a new user runs it, with no configuration at all: it starts its own database, prints its
 * URL and a curl with a token, serves real HTTP requests concurrently, and leaves nothing behind on Ctrl-C.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalApiScriptIT {
    private static final Pattern TOKEN = Pattern.compile("Authorization: Bearer ([A-Za-z0-9_.-]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port = Ports.closedPort();
    private final List<String> output = new ArrayList<>();
    private Process script;
    private String token;

    @BeforeAll
    void startLocalApi() throws Exception {
        script = Scripts.start(Scripts.script("local-api", Map.of("PORT", Integer.toString(port)))
                .redirectErrorStream(true));
        BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> collect(lines, ready));

        assertThat(ready.get(120, TimeUnit.SECONDS)).as("the welcome text ends; output so far: %s", output).isTrue();
        Matcher bearer = TOKEN.matcher(String.join("\n", output));
        assertThat(bearer.find()).as("a curl with a token is printed").isTrue();
        token = bearer.group(1);
    }

    private void collect(BufferedReader lines, CompletableFuture<Boolean> ready) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith("Stop with Ctrl-C")) {
                    ready.complete(true);
                }
            }
        } catch (IOException ignored) {
            // the script ended
        }
        ready.complete(false);
    }

    @Test
    void start_withoutConfiguration_printsItsUrlAndTheDemoIds() {
        assertThat(output).anySatisfy(line -> assertThat(line)
                .isEqualTo("Local API listening on http://127.0.0.1:" + port));
        assertThat(String.join("\n", output)).contains(LocalTable.DEMO_DOCUMENT, LocalTable.DEMO_PROMOTED_VERSION,
                LocalTable.DEMO_ARCHIVED_VERSION, "scripts/mint-token --tenant", "--role viewer", "--expires-in -60");
    }

    @Test
    void post_withThePrintedToken_createsADraftOfTheDemoDocument() throws Exception {
        HttpResponse<String> response = post("{\"source_version_id\": \"current\", \"name\": \"Q2 Refresh\"}",
                "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.headers().firstValue("Location")).get().asString()
                .startsWith("/api/v1/documents/" + LocalTable.DEMO_DOCUMENT + "/versions/");
        JsonNode version = JSON.readTree(response.body()).path("data").path("version");
        assertThat(version.path("name").asText()).isEqualTo("Q2 Refresh");
        assertThat(version.path("status").asText()).isEqualTo("draft");
    }

    @Test
    void post_withoutToken_answersTheDocumented401() throws Exception {
        HttpResponse<String> response = post("{}", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void request_toAnUnknownRoute_answersLikeApiGateway() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/documents")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    }

    @Test
    void post_concurrently_createsDraftsWithUniqueKeys() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            inFlight.add(http.sendAsync(request("{\"name\": \"parallel " + i + "\"}", "Bearer " + token),
                    HttpResponse.BodyHandlers.ofString()));
        }

        Set<String> keys = new HashSet<>();
        for (var response : inFlight) {
            HttpResponse<String> done = response.get(60, TimeUnit.SECONDS);
            assertThat(done.statusCode()).isEqualTo(201);
            keys.add(JSON.readTree(done.body()).path("data").path("version").path("key").asText());
        }
        assertThat(keys).hasSize(6);
    }

    @AfterAll
    void ctrlC_leavesNothingRunning() throws Exception {
        List<ProcessHandle> started = script.descendants().toList();
        assertThat(started).as("the script runs the database and the API").hasSizeGreaterThanOrEqualTo(2);

        new ProcessBuilder("kill", "-INT", Long.toString(script.pid())).start().waitFor();

        assertThat(script.waitFor(30, TimeUnit.SECONDS)).as("the script ends on SIGINT").isTrue();
        for (ProcessHandle process : started) {
            process.onExit().get(10, TimeUnit.SECONDS);
            assertThat(process.isAlive()).as("%s still running", process.info().command()).isFalse();
        }
        assertThat(portAccepts()).as("nothing listens on the API port").isFalse();
    }

    private boolean portAccepts() throws InterruptedException {
        try {
            http.send(request("{}", null), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException other) {
            return false;
        }
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        return http.send(request(body, authorization), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/documents/" + LocalTable.DEMO_DOCUMENT + "/versions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }
}
