package com.orbiqhq.drafts.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.testing.Ports;
import com.orbiqhq.drafts.testing.Scripts;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/local-api with a database of the user's own (DYNAMODB_ENDPOINT) and SEED=false: it creates the table
 * there, seeds nothing, and on SIGTERM stops only what it started, leaving the user's database running.
 */
class LocalApiOnGivenDatabaseIT {
    @Test
    void start_withEndpointAndNoSeed_createsAnEmptyTableAndLeavesTheDatabaseRunningWhenStopped() throws Exception {
        String endpoint = TestDatabase.endpoint(TestDatabase.Kind.MOTO);
        String tableName = "given-" + UUID.randomUUID();
        int port = Ports.closedPort();
        Process script = Scripts.start(Scripts.script("local-api", Map.of("DYNAMODB_ENDPOINT", endpoint,
                "TABLE_NAME", tableName, "SEED", "false", "PORT", Integer.toString(port))).redirectErrorStream(true));

        List<String> output = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !line.startsWith("Stop with Ctrl-C");
                line = lines.readLine()) {
            output.add(line);
        }
        List<ProcessHandle> started = script.descendants().toList();
        script.destroy();

        assertThat(output).contains("Local API listening on http://127.0.0.1:" + port);
        assertThat(String.join("\n", output)).contains(endpoint).doesNotContain(LocalTable.DEMO_DOCUMENT)
                .contains("<document-id>");
        TestTable table = TestTable.attach(endpoint, tableName);
        assertThat(table.allItems()).as("nothing seeded").isEmpty();
        assertThat(script.waitFor(30, TimeUnit.SECONDS)).as("the script ends on SIGTERM").isTrue();
        for (ProcessHandle process : started) {
            process.onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        assertThat(table.allItems()).as("the user's database still answers").isEmpty();
    }
}
