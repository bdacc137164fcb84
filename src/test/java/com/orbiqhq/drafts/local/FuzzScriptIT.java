package com.orbiqhq.drafts.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.testing.Scripts;
import com.orbiqhq.drafts.testing.SuiteLogs;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * scripts/fuzz, shorter: schemathesis generates requests of every kind from openapi.yaml and sends them through the
 * local front, with a valid token and without one, and every response must be documented and none a 5xx. From the
 * front's summary lines: the fuzzing reached the database, and a request without a valid token was answered 401
 * and nothing else, whatever it held. The front logs at DEBUG into the suite's logs, so the log leak check searches
 * what the fuzzing made it log.
 */
class FuzzScriptIT {
    private static final Pattern CASES = Pattern.compile("(\\d+) generated, (\\d+) passed");
    private static final Pattern SUMMARY = Pattern.compile(
            "\"message\":\"request completed\".*\"tenant\":(null|\"[^\"]*\").*\"status\":(\\d{3})");

    @Test
    void fuzz_withAndWithoutToken_answersEveryRequestAsDocumentedAndNeverWith5xx() throws Exception {
        File frontLog = SuiteLogs.file("fuzz-local-api");
        Path output = Files.createTempFile("fuzz", ".txt");
        Process fuzz = Scripts.start(Scripts.script("fuzz", Map.of("FUZZ_SECONDS", "40", "FUZZ_SEED", "20261204",
                "FUZZ_FRONT_LOG", frontLog.getPath(), "LOG_LEVEL", "DEBUG"))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile()));
        boolean finished;
        try {
            finished = fuzz.waitFor(6, TimeUnit.MINUTES);
        } finally {
            // On a timeout: SIGTERM reaches the script's trap, which stops schemathesis, the front and moto.
            fuzz.destroy();
            fuzz.waitFor(30, TimeUnit.SECONDS);
        }

        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("scripts/fuzz finished; output so far:%n%s", printed).isTrue();
        assertThat(fuzz.exitValue()).as(printed).isZero();
        assertThat(printed).contains("== schemathesis, with-token", "== schemathesis, without-token",
                "PASS: every response documented, none a 5xx");
        List<Integer> passed = CASES.matcher(printed).results()
                .map(result -> {
                    assertThat(result.group(2)).as("every generated case passed").isEqualTo(result.group(1));
                    return Integer.parseInt(result.group(2));
                })
                .toList();
        assertThat(passed).as("cases per run").hasSize(2).allSatisfy(cases -> assertThat(cases).isGreaterThan(100));

        List<Summary> summaries = Files.readAllLines(frontLog.toPath(), StandardCharsets.UTF_8).stream()
                .map(SUMMARY::matcher)
                .filter(Matcher::find)
                .map(line -> new Summary(line.group(1).equals("null"), Integer.parseInt(line.group(2))))
                .toList();
        Map<Integer, Long> statuses = summaries.stream()
                .collect(Collectors.groupingBy(Summary::status, Collectors.counting()));
        assertThat(statuses).as("the requests reached the database and created drafts").containsKey(201);
        assertThat(statuses).as("refused bodies, unknown documents, missing tokens").containsKeys(400, 404, 401);
        assertThat(statuses.keySet()).as("no server error").allMatch(status -> status < 500);
        assertThat(summaries).as("a request without a valid token gets a 401 and nothing else, whatever it holds")
                .allMatch(summary -> summary.anonymous() == (summary.status() == 401));
        // A few of schemathesis's cases never reach the handler (requests its HTTP client or the front's server
        // refuses to carry), so the run without a token accounts for most 401s rather than exactly as many.
        assertThat(statuses.get(401)).as("the run without a token reached the handler")
                .isGreaterThanOrEqualTo(passed.get(1) * 9L / 10);
    }

    /** A request's summary line: whether it named no tenant (no valid token), and its status. */
    private record Summary(boolean anonymous, int status) {
    }
}
