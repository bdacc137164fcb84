package com.orbiqhq.drafts.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.Ports;
import com.orbiqhq.drafts.testing.Scripts;
import com.orbiqhq.drafts.testing.SuiteLogs;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The load test of scripts/load, smaller, on moto: the same driver sends concurrent creates over real HTTP to
 * the local front (started by scripts/local-api, as a user would), then audits a scan of the table. moto handles
 * one request at a time here (scripts/lib/moto_server.py), so the bursts are small; the requests still contend
 * for the same document and the same idempotency keys inside the service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadBurstOnMotoIT {
    private TestTable table;
    private Process front;
    private LoadSettings settings;

    @BeforeAll
    void startTheFront() {
        table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        int port = Ports.closedPort();
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.putAll(Map.of("DYNAMODB_ENDPOINT", table.endpoint(), "TABLE_NAME", table.name(), "SEED", "false",
                "PORT", Integer.toString(port), "LOG_LEVEL", "DEBUG"));
        front = Scripts.start(Scripts.script("local-api", env)
                .redirectOutput(SuiteLogs.file("load-burst-local-api"))
                .redirectError(SuiteLogs.console("load-burst-local-api")));
        settings = new LoadSettings(URI.create("http://127.0.0.1:" + port), table.endpoint(), table.name(),
                Tokens.SECRET, Tokens.ISSUER, Tokens.AUDIENCE, Duration.ofSeconds(40));
        new LoadDriver(settings).awaitFront(Duration.ofSeconds(60));
    }

    @Test
    void bursts_onOneDocumentAndOverSeveral_storeEveryDraftExactlyOnce() {
        LoadDriver driver = new LoadDriver(settings);

        PhaseReport oneDocument = driver.run(new Phase("one-document", 1, 16, 16));
        PhaseReport spread = driver.run(new Phase("spread", 5, 60, 8));

        assertThat(oneDocument.failures()).as(oneDocument.summary()).isEmpty();
        assertThat(spread.failures()).as(spread.summary()).isEmpty();
        assertThat(spread.audit().drafts()).isEqualTo(16 + 60);
        assertThat(spread.audit().idempotencyRecords()).isEqualTo(oneDocument.keyedCreates() + spread.keyedCreates())
                .isEqualTo(4 + 15);
        assertThat(oneDocument.replays()).as("every duplicate copy is a replay")
                .isEqualTo(oneDocument.duplicateCopies()).isEqualTo(3);
        assertThat(spread.replays()).isEqualTo(spread.duplicateCopies()).isEqualTo(15);
        assertThat(oneDocument.serverErrors() + spread.serverErrors()).isZero();
    }

    @Test
    void audit_afterADraftIsLostAndAnotherPlanted_reportsBoth() {
        LoadDriver driver = new LoadDriver(settings);
        PhaseReport report = driver.run(new Phase("tampered", 1, 3, 3));
        CreateOutcome reported = report.outcomes().getFirst();
        Documents.Seeded document = reported.create().document();
        String planted = UUID.randomUUID().toString();
        new Documents(table).putVersion(document.tenant(), document.documentId(), planted, "draft", false, "planted");
        table.client().deleteItem(delete -> delete.tableName(table.name()).key(Map.of(
                "pk", AttributeValue.fromS(document.partitionKey()),
                "sk", AttributeValue.fromS("VERSION#" + reported.versionId()))));

        TableAudit.Result audit = driver.audit();

        assertThat(report.failures()).as(report.summary()).isEmpty();
        assertThat(audit.failures())
                .anySatisfy(failure -> assertThat(failure).contains(reported.versionId(), "not stored (lost)"))
                .anySatisfy(failure -> assertThat(failure).contains(planted, "no 201 reported it"));
    }

    @AfterAll
    void stopTheFront() throws InterruptedException {
        front.destroy();
        assertThat(front.waitFor(30, TimeUnit.SECONDS)).as("scripts/local-api ends on SIGTERM").isTrue();
    }
}
