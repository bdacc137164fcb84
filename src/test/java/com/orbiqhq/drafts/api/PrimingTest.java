package com.orbiqhq.drafts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.auth.JwksServer;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.log.JsonLogger;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        JsonLogger log = new JsonLogger(new PrintStream(lines, true, StandardCharsets.UTF_8), JsonLogger.Level.DEBUG);

        List<Integer> statuses = Priming.prime(log);

        assertThat(statuses).containsExactly(201, 201, 201, 400, 401);
        assertThat(lines.toString(StandardCharsets.UTF_8)).as("priming logs nothing through the real logger")
                .isEmpty();
    }

    @Test
    void keptAliveConnectionClasses_areAllClassesOfThisJdk() {
        // A misspelt or renamed name is skipped without a word at run time, and priming would load nothing.
        assertThat(Priming.KEPT_ALIVE_CONNECTION_CLASSES).isNotEmpty().allSatisfy(name ->
                assertThat(Class.forName(name, false, null).getName()).isEqualTo(name));
    }

    @Test
    void prime_leavesNoThreadOfItsClientBehind() {
        Set<String> before = aliveThreads();

        Priming.prime(new JsonLogger(System.out, JsonLogger.Level.ERROR));

        assertThat(aliveThreads()).as("threads alive after priming").isSubsetOf(before);
    }

    @Test
    void primeAtInit_withAJwksUrl_asksTheIdentityProviderForNothing() throws IOException {
        try (JwksServer identityProvider = JwksServer.serving("{\"keys\":[]}")) {
            Map<String, String> env = new HashMap<>(Tokens.ENVIRONMENT);
            env.remove("JWT_HS256_SECRET");
            env.put("JWT_JWKS_URL", identityProvider.uri("/jwks").toString());
            env.put("PRIME_AT_INIT", "true");
            env.put("TABLE_NAME", "never-used");
            env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:9");
            ByteArrayOutputStream lines = new ByteArrayOutputStream();

            new CreateVersionHandler(Environment.of(env),
                    new JsonLogger(new PrintStream(lines, true, StandardCharsets.UTF_8), JsonLogger.Level.DEBUG));

            assertThat(identityProvider.hits()).as("no JWKS fetched, so none is left in a snapshot").isZero();
            assertThat(lines.toString(StandardCharsets.UTF_8)).as("priming worked").doesNotContain("priming failed");
        }
    }

    private static Set<String> aliveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(thread -> thread.getName() + "#" + thread.threadId())
                .collect(Collectors.toSet());
    }
}
