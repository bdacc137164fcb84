package com.orbiqhq.drafts.load;

import com.orbiqhq.drafts.draft.IdempotencyKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Compares what the table holds with what the API answered: every draft a 201 reported is stored once, with the
 * key and name it was reported with; no draft is stored that no 201 reported; keys are unique per document and
 * the document's {@code last_draft_key_ms} is the highest of them; each idempotency key names exactly its one
 * draft. Items of other services (the seeded versions) are left out by their status.
 */
final class TableAudit {
    private static final String KEY_PREFIX = "draft_";

    private TableAudit() {
    }

    /**
     * The audit's findings.
     *
     * @param failures what does not match, one sentence each; empty when everything does
     */
    record Result(List<String> failures, int drafts, int idempotencyRecords) {
    }

    /** Audits a scan of the whole table against every create the driver made on it so far. */
    static Result audit(List<Map<String, AttributeValue>> items, List<CreateOutcome> outcomes) {
        Map<String, Map<String, AttributeValue>> documents = new HashMap<>();
        Map<String, Map<String, AttributeValue>> drafts = new HashMap<>();
        Map<String, Map<String, AttributeValue>> idempotencyRecords = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = text(item, "sk");
            String pk = text(item, "pk");
            if ("DOCUMENT".equals(sk)) {
                documents.put(pk, item);
            } else if (sk.startsWith("VERSION#") && "draft".equals(text(item, "status"))) {
                drafts.put(sk.substring("VERSION#".length()), item);
            } else if (sk.startsWith("IDEMPOTENCY#")) {
                idempotencyRecords.put(pk + "|" + sk, item);
            }
        }

        List<String> failures = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (CreateOutcome outcome : outcomes) {
            if (outcome.allCreated()) {
                checkReported(outcome, drafts, idempotencyRecords, reported, failures);
            }
        }
        drafts.forEach((id, item) -> {
            if (!reported.contains(id)) {
                failures.add("draft " + id + " (" + text(item, "key") + ", \"" + text(item, "name") + "\") of "
                        + text(item, "pk") + " is stored, but no 201 reported it");
            }
        });
        checkKeys(drafts, documents, failures);
        idempotencyRecords.forEach((where, item) -> {
            if (!item.containsKey("version_id")) {
                failures.add("idempotency record " + where + " was left in flight (no version_id)");
            }
        });
        long keyed = outcomes.stream().filter(outcome -> outcome.create().keyed()).count();
        if (idempotencyRecords.size() != keyed) {
            failures.add(keyed + " creates carried an idempotency key, but " + idempotencyRecords.size()
                    + " idempotency records are stored");
        }
        return new Result(failures, drafts.size(), idempotencyRecords.size());
    }

    private static void checkReported(CreateOutcome outcome, Map<String, Map<String, AttributeValue>> drafts,
            Map<String, Map<String, AttributeValue>> idempotencyRecords, Set<String> reported,
            List<String> failures) {
        PlannedCreate create = outcome.create();
        if (!outcome.sameDraftForEveryCopy()) {
            failures.add("the copies of \"" + create.name() + "\" reported different drafts: " + outcome.answers());
            return;
        }
        long originals = outcome.answers().stream().filter(answer -> !answer.replayed()).count();
        if (originals != 1) {
            failures.add("\"" + create.name() + "\": " + originals + " of its " + create.copies()
                    + " copies say they created the draft (one must, the others replay it)");
        }
        String id = outcome.versionId();
        if (!reported.add(id)) {
            failures.add("version " + id + " was reported for two different creates");
        }
        Map<String, AttributeValue> stored = drafts.get(id);
        if (stored == null) {
            failures.add("\"" + create.name() + "\": a 201 reported draft " + id + ", but it is not stored (lost)");
            return;
        }
        if (!create.document().partitionKey().equals(text(stored, "pk"))
                || !outcome.key().equals(text(stored, "key"))
                || !create.name().equals(text(stored, "name"))
                || !create.document().promotedVersionId().equals(text(stored, "source_version_id"))) {
            failures.add("\"" + create.name() + "\": draft " + id + " was reported as " + outcome.key()
                    + " of " + create.document().partitionKey() + " but is stored as " + stored);
        }
        if (create.keyed()) {
            String hash = IdempotencyKey.fromHeader(create.idempotencyKey()).hash();
            Map<String, AttributeValue> record = idempotencyRecords.get(create.document().partitionKey()
                    + "|IDEMPOTENCY#" + hash);
            if (record == null || !id.equals(text(record, "version_id"))) {
                failures.add("\"" + create.name() + "\": its idempotency record does not name draft " + id + ": "
                        + record);
            }
        }
    }

    private static void checkKeys(Map<String, Map<String, AttributeValue>> drafts,
            Map<String, Map<String, AttributeValue>> documents, List<String> failures) {
        Map<String, Map<String, String>> keysByDocument = new TreeMap<>();
        drafts.forEach((id, item) -> {
            String previous = keysByDocument.computeIfAbsent(text(item, "pk"), pk -> new HashMap<>())
                    .put(text(item, "key"), id);
            if (previous != null) {
                failures.add("drafts " + previous + " and " + id + " of " + text(item, "pk") + " share the key "
                        + text(item, "key"));
            }
        });
        keysByDocument.forEach((pk, keys) -> {
            keys.forEach((key, id) -> {
                if (keyMillis(key) < 0) {
                    failures.add("draft " + id + " of " + pk + " has the key " + key + ", not draft_<millis>");
                }
            });
            long highest = keys.keySet().stream().mapToLong(TableAudit::keyMillis).max().orElseThrow();
            AttributeValue lastDraftKey = documents.getOrDefault(pk, Map.of()).get("last_draft_key_ms");
            String last = lastDraftKey == null ? null : lastDraftKey.n();
            if (last == null || Long.parseLong(last) != highest) {
                failures.add(pk + ": last_draft_key_ms is " + last + ", but the highest draft key is "
                        + KEY_PREFIX + highest);
            }
        });
    }

    /** The milliseconds of a {@code draft_<millis>} key; -1 for anything else. */
    private static long keyMillis(String key) {
        if (key == null || !key.matches(KEY_PREFIX + "[0-9]{1,18}")) {
            return -1;
        }
        return Long.parseLong(key.substring(KEY_PREFIX.length()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
