package com.orbiqhq.drafts.load;

import com.nimbusds.jwt.JWTClaimsSet;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sends bursts of concurrent create requests over real HTTP to the local front, then scans the table and proves
 * that nothing was lost or stored twice ({@link TableAudit}). Some requests carry an {@code Idempotency-Key}, and
 * some of those go out two or three times at once with the same key and body: all copies must end with the same
 * draft. A copy that meets the first one still in flight is answered 409 {@code conflict}, as the contract says;
 * the driver pauses briefly and asks again until it gets the replay, and counts those 409s.
 *
 * <p>Run by {@code scripts/load} against Dynoxide (arguments: one {@code name:documents:creates:concurrency} per
 * phase; settings from the environment, see {@link LoadSettings#fromEnvironment}), and, smaller, by
 * {@code LoadBurstOnMotoIT}. Exits 1 when a check fails.
 */
public final class LoadDriver {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int RETRY_PAUSE_MILLIS = 20;

    private final LoadSettings settings;
    private final HttpClient http;
    private final TestTable table;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    /** A tenant of this driver's own, so that its audit sees only its documents, whatever else the table holds. */
    private final String tenant = "load-" + runId;
    private final List<CreateOutcome> history = new ArrayList<>();

    public LoadDriver(LoadSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.table = TestTable.attach(settings.dynamoDbEndpoint(), settings.tableName());
    }

    public static void main(String[] args) {
        LoadDriver driver = new LoadDriver(LoadSettings.fromEnvironment(System.getenv()));
        driver.awaitFront(Duration.ofSeconds(60));

        boolean passed = true;
        for (Phase phase : Arrays.stream(args).map(Phase::parse).toList()) {
            PhaseReport report = driver.run(phase);
            System.out.println(report.summary());
            passed &= report.passed();
        }

        System.out.println(passed ? "PASS" : "FAIL");
        System.exit(passed ? 0 : 1);
    }

    /** Waits until the front answers HTTP (any status), so the first burst does not meet a port still closed. */
    public void awaitFront(Duration patience) {
        Instant giveUp = Instant.now().plus(patience);
        HttpRequest probe = HttpRequest.newBuilder(settings.front().resolve("/")).timeout(Duration.ofSeconds(2))
                .GET().build();
        while (true) {
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("the front did not answer at " + settings.front(), notYet);
                }
                pause(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Seeds the phase's documents, releases all its requests at once, then audits the whole table. */
    public PhaseReport run(Phase phase) {
        Documents seeder = new Documents(table);
        List<Documents.Seeded> documents = new ArrayList<>();
        for (int i = 0; i < phase.documents(); i++) {
            documents.add(seeder.withPromotedVersion(tenant));
        }
        List<PlannedCreate> plan = new ArrayList<>();
        for (int i = 0; i < phase.creates(); i++) {
            plan.add(PlannedCreate.of(runId, phase, i, documents.get(i % documents.size())));
        }
        String authorization = Tokens.bearer(token());

        long deadline = System.nanoTime() + settings.timeLimit().toNanos();
        CountDownLatch start = new CountDownLatch(1);
        Semaphore inFlight = new Semaphore(phase.concurrency());
        List<CreateOutcome> outcomes = new ArrayList<>();
        long wallNanos;
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            List<List<Future<List<Exchange>>>> copies = new ArrayList<>();
            for (PlannedCreate create : plan) {
                List<Future<List<Exchange>>> sent = new ArrayList<>();
                for (int copy = 0; copy < create.copies(); copy++) {
                    sent.add(requests.submit(() -> sendUntilAnswered(create, authorization, start, inFlight,
                            deadline)));
                }
                copies.add(sent);
            }
            long started = System.nanoTime();
            start.countDown();
            for (int i = 0; i < plan.size(); i++) {
                outcomes.add(new CreateOutcome(plan.get(i), copies.get(i).stream()
                        .map(copy -> awaitCopy(copy, deadline)).toList()));
            }
            wallNanos = System.nanoTime() - started;
            requests.shutdownNow();
        }

        history.addAll(outcomes);
        return PhaseReport.of(phase, outcomes, wallNanos, audit());
    }

    /** Scans the table as it is now and audits this driver's documents against every create it made so far. */
    TableAudit.Result audit() {
        String ours = TestTable.partitionKey(tenant, "");
        List<Map<String, AttributeValue>> items = table.allItems().stream()
                .filter(item -> item.get("pk").s().startsWith(ours))
                .toList();
        return TableAudit.audit(items, history);
    }

    private List<Exchange> sendUntilAnswered(PlannedCreate create, String authorization, CountDownLatch start,
            Semaphore inFlight, long deadline) throws InterruptedException {
        start.await();
        List<Exchange> exchanges = new ArrayList<>();
        inFlight.acquire();
        try {
            while (true) {
                Exchange exchange = send(create, authorization);
                exchanges.add(exchange);
                if (!exchange.inFlightConflict() || System.nanoTime() > deadline) {
                    return exchanges;
                }
                pause(RETRY_PAUSE_MILLIS + ThreadLocalRandom.current().nextInt(2 * RETRY_PAUSE_MILLIS));
            }
        } finally {
            inFlight.release();
        }
    }

    private Exchange send(PlannedCreate create, String authorization) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.front()
                        .resolve("/api/v1/documents/" + create.document().documentId() + "/versions"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(create.body()));
        if (create.keyed()) {
            request.header("Idempotency-Key", create.idempotencyKey());
        }
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return Exchange.of(response, System.nanoTime() - sent);
        } catch (IOException e) {
            return Exchange.unanswered(System.nanoTime() - sent, e);
        }
    }

    private static List<Exchange> awaitCopy(Future<List<Exchange>> copy, long deadline) {
        long slack = REQUEST_TIMEOUT.toNanos();
        try {
            return copy.get(Math.max(0, deadline + slack - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            copy.cancel(true);
            return List.of(Exchange.unanswered(0, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(Exchange.unanswered(0, e));
        }
    }

    /** An admin's token of the load tenant, valid for longer than a phase may take. */
    private String token() {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject("load-driver")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.timeLimit()).plus(Duration.ofMinutes(5))))
                .claim("tenant", tenant)
                .claim("role", "admin")
                .build();
        return Tokens.sign(claims, settings.hs256Secret());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
