package com.orbiqhq.drafts.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLeakCheckTest {
    private static final String CLEAN = "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"INFO\","
            + "\"message\":\"request completed\",\"tenant\":\"acme\",\"status\":201}";

    @Test
    void search_cleanLogLines_findsNothingAndCountsThem() {
        var result = LogLeakCheck.search(List.of(CLEAN, CLEAN, "plain output of a tool, not a log line"));

        assertThat(result.findings()).isEmpty();
        assertThat(result.logLines()).isEqualTo(2);
        assertThat(result.summaryLines()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"header\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln\"",
        "\"cause\":\"refused Bearer abc.def\"",
        "\"auth\":\"basic dXNlcjpwYXNz\"",
        "\"error\":\"Unrecognized field in {\\\"source_version_id\\\": 1}\"",
        "\"body\":\"{\\\"name\\\": \\\"Q2\\\"}\"",
        "\"body\":\"{\\\"name\\\" :\\\"Q2\\\"}\"",
        "\"key\":\"local-development-secret-never-use-in-production\""
    })
    void search_aLogLineWithATokenCredentialsSecretOrBody_isAFinding(String field) {
        String leaking = CLEAN.substring(0, CLEAN.length() - 1) + "," + field + "}";

        var result = LogLeakCheck.search(List.of(CLEAN, leaking));

        assertThat(result.findings()).singleElement().asString().contains("request completed");
    }

    @Test
    void search_aSummaryLineWithItsMetricsDirective_isNoFinding() {
        String withMetrics = CLEAN.substring(0, CLEAN.length() - 1) + ",\"_aws\":{\"CloudWatchMetrics\":[{"
                + "\"Namespace\":\"TrustCenter/Drafts\",\"Metrics\":[{\"Name\":\"DraftsCreated\"}]}]}}";

        var result = LogLeakCheck.search(List.of(withMetrics));

        assertThat(result.findings()).isEmpty();
    }

    @Test
    void search_outputThatIsNoLogLine_isSearchedToo() {
        var result = LogLeakCheck.search(List.of(CLEAN, "Exception in thread \"main\": refused Bearer x.y.z"));

        assertThat(result.logLines()).isEqualTo(1);
        assertThat(result.findings()).singleElement().asString().contains("an Authorization value");
    }

    @Test
    void search_aSentCredentialWithoutAnyTokenShape_isAFinding() {
        var sent = LogLeakCheck.secretWords(List.of("Bearer not-a-jwt-but-secret", "Basic", "Bearer abc.def"));
        String leaking = CLEAN.substring(0, CLEAN.length() - 1) + ",\"cause\":\"rejected not-a-jwt-but-secret\"}";

        var result = LogLeakCheck.search(List.of(CLEAN, leaking), sent);

        assertThat(sent).containsExactly("not-a-jwt-but-secret");
        assertThat(result.findings()).singleElement().asString().contains("an Authorization value a test sent");
    }

    @Test
    void search_aMessageThatNamesAFieldOfTheApi_isNoFinding() {
        String naming = CLEAN.substring(0, CLEAN.length() - 1)
                + ",\"reason\":\"The document has no promoted version to clone; give source_version_id.\"}";

        var result = LogLeakCheck.search(List.of(naming));

        assertThat(result.findings()).isEmpty();
    }

    @Test
    void search_aLogLineCutShortOrMixedWithAnother_isAFinding() {
        var result = LogLeakCheck.search(List.of("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"IN"));

        assertThat(result.findings()).singleElement().asString().contains("not whole JSON");
    }
}
