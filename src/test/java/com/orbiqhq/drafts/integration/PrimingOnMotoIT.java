package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Priming at init (what SnapStart does before its snapshot) runs the whole request path, yet writes nothing to
 * the real table, logs nothing, and leaves the handler answering real requests as its first, cold ones.
 */
class PrimingOnMotoIT {
    @Test
    void primeAtInit_writesAndLogsNothing_andTheFirstRealRequestIsStillCold() throws Exception {
        TestTable table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        Documents.Seeded document = new Documents(table).withPromotedVersion(Tokens.TENANT);
        var before = table.allItems();
        Map<String, String> env = new HashMap<>(table.handlerEnvironment());
        env.put("PRIME_AT_INIT", "true");
        TestLogs logs = new TestLogs();

        CreateVersionHandler handler = new CreateVersionHandler(Environment.of(env), logs.logger());

        assertThat(table.allItems()).as("priming wrote nothing").containsExactlyInAnyOrderElementsOf(before);
        assertThat(logs.lines()).as("priming logged nothing").isEmpty();
        var response = new HandlerClient(handler).post(document.documentId(), "{\"name\": \"After priming\"}");
        assertThat(response.status()).isEqualTo(201);
        assertThat(table.allItems()).hasSize(before.size() + 1);
        var summary = new ObjectMapper().readTree(logs.lines().get(logs.lines().size() - 1));
        assertThat(summary.path("message").asText()).isEqualTo("request completed");
        assertThat(summary.path("coldStart").asBoolean()).isTrue();
    }
}
