package com.orbiqhq.drafts.schedule;

import com.orbiqhq.drafts.draft.CreateDraftCommand;
import com.orbiqhq.drafts.draft.DocumentRef;
import com.orbiqhq.drafts.draft.IdempotencyKey;

/**
 * One run of a schedule (or one event of a rule), validated: what to copy, what to call the draft, and the
 * identity that makes every delivery of the same run create the same, single draft.
 *
 * @param document the tenant's document
 * @param sourceVersionId the version to copy, or {@code null} for the promoted one
 * @param name the draft's name with {@code {date}} already replaced, or {@code null}
 * @param runIdentity what identifies the run across deliveries (schedule and scheduled time, or event id)
 * @param createdBy the schedule or rule that asked, never a person
 */
public record ScheduledRun(
        DocumentRef document,
        String sourceVersionId,
        String name,
        String runIdentity,
        String createdBy) {

    /** The create request this run makes; its idempotency key derives from the run's identity. */
    public CreateDraftCommand command() {
        return new CreateDraftCommand(document, sourceVersionId, name, createdBy,
                IdempotencyKey.derived("scheduled-run\n" + runIdentity));
    }
}
