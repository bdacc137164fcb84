package com.orbiqhq.drafts.schedule;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.orbiqhq.drafts.auth.TenantIds;
import com.orbiqhq.drafts.draft.DocumentRef;
import com.orbiqhq.drafts.draft.DraftNames;
import com.orbiqhq.drafts.draft.Uuids;
import com.orbiqhq.drafts.error.ClientException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two shapes a scheduled draft arrives in:
 * <ul>
 *   <li>EventBridge Scheduler's input: {@code tenant_id}, {@code document_id}, optional {@code source_version_id}
 *       and {@code name}, plus {@code schedule_arn} and {@code scheduled_time}, which identify the run;</li>
 *   <li>an EventBridge rule's event: the same four fields in {@code detail}, and the event's {@code id} and
 *       {@code time} identifying the run.</li>
 * </ul>
 * {@code {date}} in the name becomes the run's scheduled date (UTC, {@code YYYY-MM-DD}). Anything malformed is a
 * {@link ClientException}: a permanent failure, since delivering the same payload again cannot fix it.
 */
final class ScheduledRunParser {
    static final String DATE_PLACEHOLDER = "{date}";
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_FIELD_CHARACTERS = 2048;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** {@code arn:<partition>:scheduler:<region>:<account>:schedule/<group>/<name>}; group and name identify it. */
    private static final Pattern SCHEDULE_ARN = Pattern.compile(
            "^arn:aws[a-z-]*:scheduler:[a-z0-9-]+:\\d{12}:schedule/([A-Za-z0-9._-]+/[A-Za-z0-9._-]+)$");
    /** {@code arn:<partition>:events:<region>:<account>:rule/[<bus>/]<name>}. */
    private static final Pattern RULE_ARN =
            Pattern.compile("^arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:rule/([A-Za-z0-9._/-]+)$");

    private ScheduledRunParser() {
    }

    static ScheduledRun parse(byte[] payload) {
        Map<String, Object> event = readObject(payload);
        Object detail = event.get("detail");
        if (detail instanceof Map<?, ?> ruleDetail) {
            return fromRuleEvent(event, stringMap(ruleDetail));
        }
        if (detail != null) {
            throw invalid("detail must be an object");
        }
        return fromSchedulerInput(event);
    }

    private static ScheduledRun fromSchedulerInput(Map<String, Object> input) {
        String scheduleArn = requiredText(input, "schedule_arn");
        Matcher schedule = SCHEDULE_ARN.matcher(scheduleArn);
        if (!schedule.matches()) {
            throw invalid("schedule_arn must be an EventBridge Scheduler schedule ARN");
        }
        Instant scheduledTime = instant(input, "scheduled_time");
        return run(input, scheduleArn + "@" + scheduledTime, scheduledTime, "schedule:" + schedule.group(1));
    }

    private static ScheduledRun fromRuleEvent(Map<String, Object> event, Map<String, Object> detail) {
        String eventId = requiredText(event, "id");
        if (eventId.isBlank()) {
            throw invalid("id must not be blank");
        }
        Instant time = instant(event, "time");
        return run(detail, "rule-event:" + eventId, time, "rule:" + ruleName(event));
    }

    /** The rule's name (with its event bus, when not the default) from the event's resources, else its source. */
    private static String ruleName(Map<String, Object> event) {
        if (event.get("resources") instanceof List<?> resources) {
            for (Object resource : resources) {
                if (resource instanceof String arn) {
                    Matcher rule = RULE_ARN.matcher(arn);
                    if (rule.matches()) {
                        return rule.group(1);
                    }
                }
            }
        }
        return textOr(event, "source", "unknown-rule");
    }

    private static ScheduledRun run(Map<String, Object> fields, String identity, Instant runTime, String createdBy) {
        String tenantId = requiredText(fields, "tenant_id");
        if (!TenantIds.isValid(tenantId)) {
            throw invalid("tenant_id is not a valid tenant id");
        }
        String documentId = Uuids.normalize(requiredText(fields, "document_id"));
        if (documentId == null) {
            throw invalid("document_id must be a document UUID");
        }

        String source = optionalText(fields, "source_version_id");
        String sourceVersionId = null;
        if (source != null && !"current".equals(source)) {
            sourceVersionId = Uuids.normalize(source);
            if (sourceVersionId == null) {
                throw invalid("source_version_id must be a version UUID or \"current\"");
            }
        }

        String name = optionalText(fields, "name");
        if (name != null) {
            String date = runTime.atOffset(ZoneOffset.UTC).toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
            name = DraftNames.requireValid(name.replace(DATE_PLACEHOLDER, date));
        }
        return new ScheduledRun(new DocumentRef(tenantId, documentId), sourceVersionId, name, identity, createdBy);
    }

    /** The payload's top-level object, its values as strings, nested string maps, or lists of strings. */
    private static Map<String, Object> readObject(byte[] payload) {
        try (JsonParser json = JSON.createParser(payload)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("the payload must be a JSON object");
            }
            Map<String, Object> object = readFields(json, 0);
            if (json.nextToken() != null) {
                throw invalid("the payload must hold exactly one JSON object");
            }
            return object;
        } catch (IOException e) {
            throw invalid("the payload is not valid JSON");
        }
    }

    private static Map<String, Object> readFields(JsonParser json, int depth) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (fields.containsKey(name)) {
                throw invalid(name + " appears more than once");
            }
            fields.put(name, switch (value) {
                case VALUE_STRING -> json.getText();
                case VALUE_NULL -> null;
                case START_OBJECT -> depth < 1 ? readFields(json, depth + 1) : skip(json);
                case START_ARRAY -> readStrings(json);
                // Numbers and booleans are kept as their token, so that a field that must be text refuses them.
                default -> value;
            });
        }
        return fields;
    }

    private static Object skip(JsonParser json) throws IOException {
        json.skipChildren();
        return Map.of();
    }

    private static Object readStrings(JsonParser json) throws IOException {
        List<String> values = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                json.skipChildren();
            } else {
                values.add(json.getText());
            }
        }
        return values;
    }

    private static Map<String, Object> stringMap(Map<?, ?> map) {
        Map<String, Object> fields = new HashMap<>();
        map.forEach((key, value) -> fields.put(String.valueOf(key), value));
        return fields;
    }

    private static String requiredText(Map<String, Object> fields, String name) {
        String value = optionalText(fields, name);
        if (value == null) {
            throw invalid(name + " is required");
        }
        return value;
    }

    private static String optionalText(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.length() > MAX_FIELD_CHARACTERS) {
            throw invalid(name + " must be a string");
        }
        return text;
    }

    private static String textOr(Map<String, Object> fields, String name, String fallback) {
        Object value = fields.get(name);
        return value instanceof String text && !text.isBlank() ? text : fallback;
    }

    private static Instant instant(Map<String, Object> fields, String name) {
        String text = requiredText(fields, name);
        try {
            Instant time = Instant.parse(text);
            if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
                throw invalid(name + " must lie between the years 2000 and 9999");
            }
            return time;
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 UTC time such as 2025-04-01T06:00:00Z");
        }
    }

    private static ClientException invalid(String reason) {
        return ClientException.validation("Invalid scheduled run: " + reason + ".");
    }
}
