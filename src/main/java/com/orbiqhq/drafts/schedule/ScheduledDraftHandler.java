package com.orbiqhq.drafts.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.draft.Deadline;
import com.orbiqhq.drafts.draft.DraftResult;
import com.orbiqhq.drafts.draft.DraftService;
import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ErrorCode;
import com.orbiqhq.drafts.error.ServiceException;
import com.orbiqhq.drafts.log.EmbeddedMetrics;
import com.orbiqhq.drafts.log.JsonLogger;
import com.orbiqhq.drafts.store.DynamoDbVersionRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lambda entry point for scheduled drafts, invoked by EventBridge Scheduler or an EventBridge rule (trusted
 * through IAM: only their roles may invoke it), never by a person.
 *
 * <p>The run's story: read the payload, create the draft through the same service and transaction as the HTTP
 * path, report. Each run creates exactly one draft however often it is delivered, because the idempotency key
 * derives from the run's identity. Permanent failures (an invalid payload, an unknown document or source,
 * nothing promoted) are logged with their reason and return normally: retrying cannot help. Transient ones (the
 * database throttled, slow or unreachable; the same run still in flight) throw, so the scheduler retries them and
 * what keeps failing reaches the dead-letter queue.
 *
 * <p>The result, which asynchronous invokers discard, is {@code {"outcome": "created"|"replayed"|"rejected", ...}}
 * for whoever invokes it directly (for example {@code scripts/invoke events/scheduled-run.json}).
 */
public final class ScheduledDraftHandler implements RequestStreamHandler {
    private static final Duration RESPONSE_RESERVE = Duration.ofMillis(500);
    private static final Duration LOCAL_BUDGET = Duration.ofSeconds(30);
    private static final JsonFactory JSON = new JsonFactory();
    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private final DraftService drafts;
    private final JsonLogger log;
    private final EmbeddedMetrics metrics;

    /** Used by the Lambda runtime: configuration from the environment, clients built once per environment. */
    public ScheduledDraftHandler() {
        this(Environment.system());
    }

    public ScheduledDraftHandler(Environment env) {
        this(env, JsonLogger.create(env));
    }

    public ScheduledDraftHandler(Environment env, JsonLogger log) {
        this.log = log;
        this.metrics = EmbeddedMetrics.create(env);
        this.drafts = new DraftService(DynamoDbVersionRepository.fromEnvironment(env), InstantSource.system(), log);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        String requestId = context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId()
                : UUID.randomUUID().toString();

        try (var ignored = log.beginInvocation(requestId, COLD.getAndSet(false))) {
            ScheduledRun run;
            try {
                run = ScheduledRunParser.parse(input.readAllBytes());
            } catch (ClientException invalid) {
                reject(output, null, invalid, started);
                return;
            } catch (RuntimeException unreadable) {
                // Whatever a payload does to the parser, delivering it again does the same: permanent.
                reject(output, null, ClientException.validation("Invalid scheduled run: unreadable payload."),
                        started);
                return;
            }

            try {
                DraftResult result = drafts.createDraft(run.command(), deadline(context));
                String outcome = result.replayed() ? "replayed" : "created";
                long latencyMs = millisSince(started);
                log.summary("scheduled run completed", metrics.request(201, null, result.replayed(), latencyMs,
                        "tenant", run.document().tenantId(), "document", run.document().documentId(),
                        "outcome", outcome, "createdBy", run.createdBy(), "versionId", result.draft().id(),
                        "latencyMs", latencyMs));
                write(output, outcome, result.draft().id(), result.draft().key(), null, null);
            } catch (ClientException refused) {
                if (refused.errorCode() == ErrorCode.CONFLICT) {
                    throw transientFailure(run, "the same run is still in flight", refused, started);
                }
                reject(output, run, refused, started);
            } catch (ServiceException failure) {
                throw transientFailure(run, failure.reason(), failure, started);
            } catch (RuntimeException unexpected) {
                throw transientFailure(run, "unexpected failure", ServiceException.internal(unexpected), started);
            }
        }
    }

    /** A permanent failure: logged with its reason, and the invocation succeeds so nobody retries it. */
    private void reject(OutputStream output, ScheduledRun run, ClientException refused, long started)
            throws IOException {
        long latencyMs = millisSince(started);
        ErrorCode code = refused.errorCode();
        log.warn("scheduled run rejected", metrics.request(code.status(), code.code(), false, latencyMs,
                "tenant", run == null ? null : run.document().tenantId(),
                "document", run == null ? null : run.document().documentId(), "outcome", "rejected",
                "code", code.code(), "reason", refused.publicMessage(), "latencyMs", latencyMs));
        write(output, "rejected", null, null, refused.errorCode().code(), refused.publicMessage());
    }

    /** A transient failure: logged, then thrown so that the scheduler retries the run. */
    private ScheduledRunFailed transientFailure(ScheduledRun run, String reason, Exception cause, long started) {
        // Only the unexpected deserves a stack trace; an outage or a run in flight is explained by its reason.
        Throwable trace = cause instanceof ServiceException failure && failure.errorCode() == ErrorCode.INTERNAL_ERROR
                ? failure.getCause()
                : null;
        long latencyMs = millisSince(started);
        ErrorCode code = cause instanceof ServiceException failure ? failure.errorCode() : ErrorCode.CONFLICT;
        log.error("scheduled run failed, will be retried: " + reason, trace, metrics.request(503, code.code(), false,
                latencyMs, "tenant", run.document().tenantId(), "document", run.document().documentId(),
                "outcome", "failed", "latencyMs", latencyMs));
        return new ScheduledRunFailed(reason, cause);
    }

    private static void write(OutputStream output, String outcome, String versionId, String key, String code,
            String message) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(output)) {
            json.writeStartObject();
            json.writeStringField("outcome", outcome);
            if (versionId != null) {
                json.writeStringField("version_id", versionId);
                json.writeStringField("key", key);
            }
            if (code != null) {
                json.writeStringField("code", code);
                json.writeStringField("message", message);
            }
            json.writeEndObject();
        }
    }

    private static Deadline deadline(Context context) {
        Duration budget = context == null ? LOCAL_BUDGET : Duration.ofMillis(context.getRemainingTimeInMillis());
        return Deadline.after(budget.minus(RESPONSE_RESERVE));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Thrown for a transient failure, so that Lambda reports the invocation failed and the scheduler retries. */
    public static final class ScheduledRunFailed extends RuntimeException {
        ScheduledRunFailed(String reason, Throwable cause) {
            super("Scheduled run failed and will be retried: " + reason, cause);
        }
    }
}
