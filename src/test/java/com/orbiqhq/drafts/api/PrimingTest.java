package com.orbiqhq.drafts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.log.JsonLogger;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Priming must exercise the paths a real request takes, not just the error path: if the canned DynamoDB answers
 * stopped matching the item layout, every priming request would end in a 500 and priming would warm little.
 */
class PrimingTest {
    @Test
    void prime_runsCreateIdempotentCreateRefusedBodyAndMissingToken() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("TABLE_NAME", "never-used");
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:9");
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        JsonLogger log = new JsonLogger(new PrintStream(lines, true, StandardCharsets.UTF_8), JsonLogger.Level.DEBUG);
        CreateVersionHandler handler = new CreateVersionHandler(Environment.of(env), log);

        List<Integer> statuses = Priming.prime(handler, log);

        assertThat(statuses).containsExactly(201, 201, 400, 401);
        assertThat(lines.toString(StandardCharsets.UTF_8)).as("priming logs nothing through the real logger")
                .isEmpty();
    }

    @Test
    void prime_leavesNoThreadOfItsClientBehind() {
        Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
        env.put("TABLE_NAME", "never-used");
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:9");
        CreateVersionHandler handler = new CreateVersionHandler(Environment.of(env),
                new JsonLogger(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        JsonLogger.Level.ERROR));
        Set<String> before = aliveThreads();

        Priming.prime(handler, new JsonLogger(System.out, JsonLogger.Level.ERROR));

        assertThat(aliveThreads()).as("threads alive after priming").isSubsetOf(before);
    }

    private static Set<String> aliveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(thread -> thread.getName() + "#" + thread.threadId())
                .collect(Collectors.toSet());
    }
}
