package com.orbiqhq.drafts.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduledRunParserTest {
    private static final String DOCUMENT = "3f0e8a52-6d1b-4c8e-9a57-2b4f7c1d9e60";
    private static final String SCHEDULE = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/quarterly";

    @Test
    void parse_schedulerInput_readsTheRunAndNamesItsDate() throws Exception {
        byte[] payload = Files.readAllBytes(Path.of(System.getProperty("project.root", "."), "events",
                "scheduled-run.json"));

        ScheduledRun run = ScheduledRunParser.parse(payload);

        assertThat(run.document().tenantId()).isEqualTo("acme");
        assertThat(run.document().documentId()).isEqualTo(DOCUMENT);
        assertThat(run.sourceVersionId()).isNull();
        assertThat(run.name()).isEqualTo("Quarterly review 2025-04-01");
        assertThat(run.createdBy()).isEqualTo("schedule:default/quarterly-policy-review");
        assertThat(run.runIdentity()).isEqualTo("arn:aws:scheduler:us-east-1:123456789012:schedule/default/"
                + "quarterly-policy-review@2025-04-01T06:00:00Z");
    }

    @Test
    void parse_ruleEvent_readsDetailAndIdentifiesTheRunByEventId() throws Exception {
        byte[] payload = Files.readAllBytes(Path.of(System.getProperty("project.root", "."), "events",
                "scheduled-rule-event.json"));

        ScheduledRun run = ScheduledRunParser.parse(payload);

        assertThat(run.sourceVersionId()).isEqualTo("d47a9c3e-2b8f-4a61-8e5d-9c0b3f7a1e28");
        assertThat(run.name()).isEqualTo("Refresh of 2024 Q4 (2025-07-01)");
        assertThat(run.createdBy()).isEqualTo("rule:quarterly-policy-review");
        assertThat(run.runIdentity()).isEqualTo("rule-event:7bf73129-1428-4cd3-a780-95db273d1602");
    }

    @Test
    void command_sameRunDeliveredTwice_hasTheSameIdempotencyKey() {
        String payload = scheduler("2025-04-01T06:00:00Z");

        var first = ScheduledRunParser.parse(bytes(payload)).command();
        var again = ScheduledRunParser.parse(bytes(payload)).command();
        var next = ScheduledRunParser.parse(bytes(scheduler("2025-07-01T06:00:00Z"))).command();

        assertThat(again.idempotencyKey().hash()).isEqualTo(first.idempotencyKey().hash());
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(next.idempotencyKey().hash()).isNotEqualTo(first.idempotencyKey().hash());
    }

    @Test
    void parse_nameWithSeveralPlaceholdersAndNoSource_replacesEach() {
        String payload = "{\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT.toUpperCase() + "\","
                + " \"name\": \"{date} / {date}\", \"schedule_arn\": \"" + SCHEDULE + "\","
                + " \"scheduled_time\": \"2025-12-31T23:30:00Z\"}";

        ScheduledRun run = ScheduledRunParser.parse(bytes(payload));

        assertThat(run.name()).isEqualTo("2025-12-31 / 2025-12-31");
        assertThat(run.document().documentId()).isEqualTo(DOCUMENT);
        assertThat(run.createdBy()).isEqualTo("schedule:default/quarterly");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "[]",
        "not json",
        "{}",
        "{\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT + "\", \"schedule_arn\": \"" + SCHEDULE + "\"}",
        "{\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT
                + "\", \"scheduled_time\": \"2025-04-01T06:00:00Z\"}",
        "{\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT + "\", \"schedule_arn\": \"" + SCHEDULE
                + "\", \"scheduled_time\": \"yesterday\"}",
        "{\"tenant_id\": \"ac#me\", \"document_id\": \"" + DOCUMENT + "\", \"schedule_arn\": \"" + SCHEDULE
                + "\", \"scheduled_time\": \"2025-04-01T06:00:00Z\"}",
        "{\"tenant_id\": \"acme\", \"document_id\": \"doc-1\", \"schedule_arn\": \"" + SCHEDULE
                + "\", \"scheduled_time\": \"2025-04-01T06:00:00Z\"}",
        "{\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT + "\", \"source_version_id\": \"latest\","
                + " \"schedule_arn\": \"" + SCHEDULE + "\", \"scheduled_time\": \"2025-04-01T06:00:00Z\"}",
        "{\"tenant_id\": 7, \"document_id\": \"" + DOCUMENT + "\", \"schedule_arn\": \"" + SCHEDULE
                + "\", \"scheduled_time\": \"2025-04-01T06:00:00Z\"}",
        "{\"id\": \"e-1\", \"time\": \"2025-04-01T06:00:00Z\", \"detail\": \"text\"}",
        "{\"id\": \"e-1\", \"detail\": {\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT + "\"}}",
        "{\"id\": \" \", \"time\": \"2025-04-01T06:00:00Z\", \"detail\": {\"tenant_id\": \"acme\","
                + " \"document_id\": \"" + DOCUMENT + "\"}}",
        "{\"id\": \"e-1\", \"time\": \"-1000000000-01-01T00:00:00Z\", \"detail\": {\"tenant_id\": \"acme\","
                + " \"document_id\": \"" + DOCUMENT + "\", \"name\": \"{date}\"}}",
        "{\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT + "\", \"schedule_arn\": \"\","
                + " \"scheduled_time\": \"2025-04-01T06:00:00Z\"}",
        "{\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT + "\", \"schedule_arn\": \"my-schedule\","
                + " \"scheduled_time\": \"2025-04-01T06:00:00Z\"}"})
    void parse_invalidPayload_isAPermanentValidationFailure(String payload) {
        assertThatThrownBy(() -> ScheduledRunParser.parse(bytes(payload)))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.publicMessage()).startsWith("Invalid scheduled run: ");
                });
    }

    @Test
    void parse_schedulesOfTheSameNameInOtherGroups_areDifferentRunsAndCreators() {
        String teamA = scheduler("2025-04-01T06:00:00Z");
        String teamB = teamA.replace("schedule/default/quarterly", "schedule/team-b/quarterly");

        ScheduledRun a = ScheduledRunParser.parse(bytes(teamA));
        ScheduledRun b = ScheduledRunParser.parse(bytes(teamB));

        assertThat(b.createdBy()).isEqualTo("schedule:team-b/quarterly").isNotEqualTo(a.createdBy());
        assertThat(b.command().idempotencyKey().hash()).isNotEqualTo(a.command().idempotencyKey().hash());
    }

    @Test
    void parse_ruleOnACustomBus_namesBusAndRule() {
        String event = "{\"id\": \"e-1\", \"time\": \"2025-04-01T06:00:00Z\", \"resources\": ["
                + "\"arn:aws:events:us-east-1:123456789012:rule/reviews-bus/policy-refresh\"], \"detail\": {"
                + "\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT + "\"}}";

        assertThat(ScheduledRunParser.parse(bytes(event)).createdBy()).isEqualTo("rule:reviews-bus/policy-refresh");
    }

    @Test
    void parse_nameThatGrowsPast255Characters_isRefused() {
        String payload = "{\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT + "\", \"name\": \""
                + "x".repeat(250) + "{date}\", \"schedule_arn\": \"" + SCHEDULE + "\","
                + " \"scheduled_time\": \"2025-04-01T06:00:00Z\"}";

        assertThatThrownBy(() -> ScheduledRunParser.parse(bytes(payload)))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.publicMessage())
                        .isEqualTo("name must be at most 255 characters."));
    }

    private static String scheduler(String time) {
        return "{\"tenant_id\": \"acme\", \"document_id\": \"" + DOCUMENT + "\", \"name\": \"Review {date}\","
                + " \"schedule_arn\": \"" + SCHEDULE + "\", \"scheduled_time\": \"" + time + "\"}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
