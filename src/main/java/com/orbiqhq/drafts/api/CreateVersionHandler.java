package com.orbiqhq.drafts.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.orbiqhq.drafts.auth.AccessPolicy;
import com.orbiqhq.drafts.auth.Caller;
import com.orbiqhq.drafts.auth.JwtSettings;
import com.orbiqhq.drafts.auth.JwtVerifier;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.draft.CreateDraftCommand;
import com.orbiqhq.drafts.draft.Deadline;
import com.orbiqhq.drafts.draft.DocumentRef;
import com.orbiqhq.drafts.draft.DraftResult;
import com.orbiqhq.drafts.draft.DraftService;
import com.orbiqhq.drafts.draft.IdempotencyKey;
import com.orbiqhq.drafts.draft.Uuids;
import com.orbiqhq.drafts.error.ApiException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Core;
import org.crac.Resource;

/**
 * Lambda entry point for {@code POST /api/v1/documents/{id}/versions} behind an API Gateway REST proxy.
 *
 * <p>The request's story: authenticate the bearer token (401), check the caller may write (403), validate the
 * path, headers and body (400, 413, 415), create the draft (201; 400, 404, 409, 422 from the rules), and answer
 * with the documented JSON. Anything unexpected is a 500 without detail; an unavailable database is a 503 with
 * {@code Retry-After}. Every answer carries {@code X-Request-Id}, and one summary line is logged per request.
 *
 * <p>A stream handler: the proxy event is read from its JSON by {@link ProxyRequest} and the answer written by
 * {@link ProxyResponse}, so the Lambda runtime's reflective event mapping never runs (it would cost a cold start
 * more than the whole request path does).
 *
 * <pre>{@code
 * curl -X POST "$API/api/v1/documents/$DOCUMENT_ID/versions" \
 *   -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *   -d '{"source_version_id": "current", "name": "Q2 Refresh"}'
 * }</pre>
 */
public final class CreateVersionHandler
        implements RequestStreamHandler, Resource {
    static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

    /** API Gateway stops waiting after 29 s; answering after that helps no one. */
    private static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(29);
    /** Time kept back from the deadline to write the response and the log line. */
    private static final Duration RESPONSE_RESERVE = Duration.ofMillis(250);
    private static final Duration LOCAL_BUDGET = Duration.ofSeconds(10);

    private final JwtVerifier verifier;
    private final AccessPolicy accessPolicy;
    private final DraftService drafts;
    private final ApiResponses responses;
    private final JsonLogger log;
    private final EmbeddedMetrics metrics;
    private final int maxBodyBytes;
    private final AtomicBoolean cold = new AtomicBoolean(true);

    /** Used by the Lambda runtime: configuration from the environment, clients built once per environment. */
    public CreateVersionHandler() {
        this(Environment.system());
    }

    public CreateVersionHandler(Environment env) {
        this(env, JsonLogger.create(env));
    }

    /** For local runs and tests that want the log lines somewhere else. */
    public CreateVersionHandler(Environment env, JsonLogger log) {
        JwtSettings jwt = JwtSettings.from(env);
        this.verifier = JwtVerifier.create(jwt);
        this.accessPolicy = new AccessPolicy(jwt.writerRoles());
        this.drafts = new DraftService(DynamoDbVersionRepository.fromEnvironment(env), InstantSource.system(), log);
        this.responses = new ApiResponses(env.orDefault("ERROR_DOCS_BASE_URL", "https://docs.orbiqhq.com/errors"));
        this.log = log;
        this.metrics = EmbeddedMetrics.create(env);
        this.maxBodyBytes = env.positiveInt("MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES);

        // Priming: before SnapStart's snapshot, or now when asked to (to measure it, or without SnapStart).
        if ("true".equalsIgnoreCase(env.orDefault("PRIME_AT_INIT", "false"))) {
            Priming.prime(log);
        } else {
            Core.getGlobalContext().register(this);
        }
    }

    CreateVersionHandler(JwtVerifier verifier, AccessPolicy accessPolicy, DraftService drafts, ApiResponses responses,
            JsonLogger log, EmbeddedMetrics metrics, int maxBodyBytes) {
        this.verifier = verifier;
        this.accessPolicy = accessPolicy;
        this.drafts = drafts;
        this.responses = responses;
        this.log = log;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(log);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: priming ran on its own copy of the handler and left no connection, id, time or random
        // state that requests rely on; the function's own clients are untouched until the first request.
    }

    @Override
    public void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        respond(event, context).writeTo(output);
    }

    ProxyResponse respond(InputStream event, Context context) {
        long started = System.nanoTime();
        ProxyRequest request = ProxyRequest.read(event);
        String requestId = request.requestId(context);
        Summary summary = new Summary();

        try (var ignored = log.beginInvocation(requestId, cold.getAndSet(false))) {
            ProxyResponse response;
            try {
                response = createVersion(request, requestId, deadline(context), summary);
            } catch (ApiException failure) {
                response = fail(requestId, failure, summary);
            } catch (RuntimeException unexpected) {
                response = fail(requestId, ServiceException.internal(unexpected), summary);
            }

            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            log.summary("request completed", metrics.request(response.statusCode(), summary.errorCode,
                    summary.replayed, latencyMs, "tenant", summary.tenant, "document", summary.document,
                    "outcome", summary.outcome, "status", response.statusCode(), "latencyMs", latencyMs));
            return response;
        }
    }

    private ProxyResponse createVersion(ProxyRequest request, String requestId, Deadline deadline, Summary summary) {
        request.requireProxyEvent();
        Caller caller = verifier.authenticate(request.header("Authorization", ClientException::unauthorized));
        String tenantId = accessPolicy.requireVersionWriter(caller);
        summary.tenant = tenantId;

        String documentId = Uuids.normalize(request.pathParameter("id"));
        if (documentId == null) {
            throw ClientException.validation("Path parameter id must be a document UUID.");
        }
        summary.document = documentId;
        CreateVersionBody body = readBody(request);
        IdempotencyKey idempotencyKey = IdempotencyKey.fromHeader(
                request.header("Idempotency-Key", CreateVersionHandler::repeatedIdempotencyKey));

        DraftResult result = drafts.createDraft(new CreateDraftCommand(new DocumentRef(tenantId, documentId),
                body.sourceVersionId(), body.name(), caller.subject(), idempotencyKey), deadline);

        summary.outcome = result.replayed() ? "replayed" : "created";
        summary.replayed = result.replayed();
        return responses.created(requestId, documentId, result);
    }

    private CreateVersionBody readBody(ProxyRequest request) {
        byte[] body = request.body(maxBodyBytes);
        if (body.length == 0) {
            return CreateVersionBody.EMPTY;
        }
        String contentType = request.header("Content-Type", ClientException::unsupportedMediaType);
        if (!ProxyRequest.isJson(contentType)) {
            throw ClientException.unsupportedMediaType();
        }
        return RequestBodyParser.parse(body);
    }

    private ProxyResponse fail(String requestId, ApiException failure, Summary summary) {
        summary.outcome = failure.errorCode().code();
        summary.errorCode = failure.errorCode().code();
        if (failure instanceof ServiceException serviceFailure) {
            Throwable cause = failure.getCause();
            if (failure.errorCode() == ErrorCode.SERVICE_UNAVAILABLE) {
                // An outage of a dependency: expected now and then, and its stack trace says nothing new.
                log.warn("request failed: " + serviceFailure.reason(), "code", failure.errorCode().code(),
                        "cause", cause == null ? null : cause.getClass().getSimpleName() + ": " + cause.getMessage());
            } else {
                log.error("request failed: " + serviceFailure.reason(), cause, "code", failure.errorCode().code());
            }
        }
        return responses.error(requestId, failure);
    }

    private static ClientException repeatedIdempotencyKey() {
        return ClientException.validation("Idempotency-Key must be sent once.");
    }

    private static Deadline deadline(Context context) {
        Duration budget = context == null
                ? LOCAL_BUDGET
                : Duration.ofMillis(context.getRemainingTimeInMillis());
        if (budget.compareTo(GATEWAY_TIMEOUT) > 0) {
            budget = GATEWAY_TIMEOUT;
        }
        return Deadline.after(budget.minus(RESPONSE_RESERVE));
    }

    /** What the summary log line reports; filled in as the request gets further. */
    private static final class Summary {
        private String tenant;
        private String document;
        private String outcome = "failed";
        private String errorCode;
        private boolean replayed;
    }
}
