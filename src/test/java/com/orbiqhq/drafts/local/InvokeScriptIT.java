package com.orbiqhq.drafts.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orbiqhq.drafts.testing.Scripts;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * scripts/invoke on every file in events/: the handler named in template.yaml runs in the real Lambda Runtime
 * Interface Client under the Runtime Interface Emulator, against a local database whose table the script creates
 * and seeds itself, and prints the handler's result and the emulator's Init Duration.
 */
class InvokeScriptIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> EXPECTED_STATUS = Map.of(
            "create-missing-token.json", 401,
            "create-unknown-field.json", 400);

    static Stream<Path> eventFiles() throws IOException {
        return Files.list(Scripts.ROOT.resolve("events"))
                .filter(file -> !file.getFileName().toString().equals("env.json"))
                .sorted();
    }

    @Test
    void invoke_withoutADatabase_startsItsOwnAndStopsIt() throws Exception {
        Path stderr = Files.createTempFile("invoke", ".err");
        Set<Long> before = motoServers();
        ProcessBuilder invoke = Scripts.script("invoke", Map.of(),
                Scripts.ROOT.resolve("events/scheduled-run.json").toString()).redirectError(stderr.toFile());

        Process process = Scripts.start(invoke);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
        assertThat(JSON.readTree(stdout).path("outcome").asText()).isEqualTo("created");
        assertThat(motoServers()).as("no database left behind").isSubsetOf(before);
    }

    /** This checkout's moto servers: another checkout's tests or local API on the same machine are not ours. */
    private static Set<Long> motoServers() {
        String script = Scripts.ROOT.toAbsolutePath().normalize().resolve("scripts/lib/moto_server.py").toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(script))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @MethodSource("eventFiles")
    void invoke_eventFile_printsTheHandlersResultAndInitDuration(Path eventFile) throws Exception {
        String endpoint = TestDatabase.endpoint(TestDatabase.Kind.MOTO);
        String table = "invoke-" + UUID.randomUUID();
        Path stderr = Files.createTempFile("invoke", ".err");
        ProcessBuilder invoke = Scripts.script("invoke", Map.of("DYNAMODB_ENDPOINT", endpoint, "TABLE_NAME", table),
                eventFile.toString()).redirectError(stderr.toFile());

        Process process = Scripts.start(invoke);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();

        String errors = Files.readString(stderr);
        assertThat(process.exitValue()).as("stderr: %s", errors).isZero();
        JsonNode result = JSON.readTree(stdout);
        if (eventFile.getFileName().toString().startsWith("scheduled-")) {
            assertThat(result.path("outcome").asText()).as(stdout).isEqualTo("created");
            assertThat(errors).containsPattern("Init Duration: [0-9.]+ ms");
            return;
        }
        int expected = EXPECTED_STATUS.getOrDefault(eventFile.getFileName().toString(), 201);
        assertThat(result.path("statusCode").asInt()).as(stdout).isEqualTo(expected);
        assertThat(result.path("headers").path("X-Request-Id").asText()).isNotBlank();
        assertThat(JSON.readTree(result.path("body").asText()).isObject()).isTrue();
        assertThat(errors).containsPattern("Init Duration: [0-9.]+ ms");
        if (expected == 201) {
            String versionId = JSON.readTree(result.path("body").asText()).path("data").path("version").path("id")
                    .asText();
            assertThat(TestTable.attach(endpoint, table).get(TestTable.partitionKey(LocalTable.DEMO_TENANT,
                    LocalTable.DEMO_DOCUMENT), "VERSION#" + versionId)).as("the draft is in the local table")
                    .isPresent();
        }
    }
}
