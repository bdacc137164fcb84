package com.orbiqhq.drafts.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One phase's figures (every HTTP request counts, retries of in-flight conflicts included) and its verdict: what
 * the answers showed wrong, then what the table audit found.
 */
public record PhaseReport(Phase phase, List<CreateOutcome> outcomes, long wallNanos, TableAudit.Result audit,
        List<String> failures) {
    private static final int FAILURES_SHOWN = 20;

    static PhaseReport of(Phase phase, List<CreateOutcome> outcomes, long wallNanos, TableAudit.Result audit) {
        List<String> failures = new ArrayList<>(answerFailures(outcomes));
        failures.addAll(audit.failures());
        return new PhaseReport(phase, outcomes, wallNanos, audit, List.copyOf(failures));
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    public long requests() {
        return outcomes.stream().mapToLong(outcome -> outcome.exchanges().size()).sum();
    }

    public long conflicts() {
        return outcomes.stream().mapToLong(CreateOutcome::conflicts).sum();
    }

    /** The answers that replayed an earlier request's draft. */
    public long replays() {
        return outcomes.stream().flatMap(outcome -> outcome.answers().stream()).filter(Exchange::replayed).count();
    }

    public long keyedCreates() {
        return outcomes.stream().filter(outcome -> outcome.create().keyed()).count();
    }

    /** The copies sent on top of the first with the same idempotency key; each must end as a replay. */
    public long duplicateCopies() {
        return outcomes.stream().mapToLong(outcome -> outcome.create().copies() - 1).sum();
    }

    public long serverErrors() {
        return outcomes.stream().flatMap(outcome -> outcome.exchanges().stream())
                .filter(exchange -> exchange.status() >= 500).count();
    }

    /** The latency under which {@code percent} of the phase's requests finished, in milliseconds (nearest rank). */
    public double latencyMillis(double percent) {
        long[] sorted = outcomes.stream().flatMap(outcome -> outcome.exchanges().stream())
                .mapToLong(Exchange::nanos).sorted().toArray();
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
    }

    public double requestsPerSecond() {
        return requests() / (wallNanos / 1e9);
    }

    /** What scripts/load prints for the phase. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "phase %s: %d creates on %d document(s), at most %d requests in"
                        + " flight; %d with an idempotency key, %d duplicate copies sent at the same time%n",
                phase.name(), outcomes.size(), phase.documents(), phase.concurrency(), keyedCreates(),
                duplicateCopies()));
        text.append(String.format(Locale.ROOT, "  %d requests in %.2f s: %.1f requests/s, %.1f creates/s;"
                        + " 409 conflict (key in flight) answers retried: %d; replays: %d; 5xx: %d%n",
                requests(), wallNanos / 1e9, requestsPerSecond(), outcomes.size() / (wallNanos / 1e9), conflicts(),
                replays(), serverErrors()));
        text.append(String.format(Locale.ROOT, "  latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                latencyMillis(50), latencyMillis(90), latencyMillis(99), latencyMillis(100)));
        text.append(String.format(Locale.ROOT, "  table: %d drafts, %d idempotency records in all phases so far%n",
                audit.drafts(), audit.idempotencyRecords()));
        if (passed()) {
            text.append("  checks: PASS (every 201 stored once with its key and name, no other draft, keys unique"
                    + " per document, last_draft_key_ms = highest key, each idempotency key names its one draft,"
                    + " no 5xx)");
        } else {
            text.append("  checks: FAIL, ").append(failures.size()).append(" problem(s):");
            failures.stream().limit(FAILURES_SHOWN).forEach(failure -> text.append("\n    - ").append(failure));
            if (failures.size() > FAILURES_SHOWN) {
                text.append("\n    ... and ").append(failures.size() - FAILURES_SHOWN).append(" more");
            }
        }
        return text.toString();
    }

    /**
     * What the answers alone show wrong: any 5xx, any status the contract does not give a plain create (only 201,
     * and 409 {@code conflict} for a key in flight), an answer that never came, a copy still refused when time ran
     * out. Alike answers are counted once.
     */
    static List<String> answerFailures(List<CreateOutcome> outcomes) {
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (CreateOutcome outcome : outcomes) {
            for (Exchange exchange : outcome.exchanges()) {
                String problem = null;
                if (exchange.failure() != null) {
                    problem = exchange.failure();
                } else if (exchange.inFlightConflict() && !outcome.create().keyed()) {
                    problem = "409 conflict for a create without an idempotency key";
                } else if (exchange.status() != 201 && !exchange.inFlightConflict()) {
                    problem = "status " + exchange.status() + " (" + exchange.code() + ")";
                }
                if (problem != null) {
                    counted.merge(problem, 1, Integer::sum);
                }
            }
            if (outcome.answers().stream().anyMatch(Exchange::inFlightConflict)) {
                counted.merge("a copy was still answered 409 conflict when the phase's time ran out", 1,
                        Integer::sum);
            }
        }
        return counted.entrySet().stream()
                .map(entry -> entry.getKey() + (entry.getValue() > 1 ? " (" + entry.getValue() + " times)" : ""))
                .toList();
    }

    @Override
    public String toString() {
        return summary();
    }
}
