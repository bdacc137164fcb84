package com.orbiqhq.drafts.testing;

import com.orbiqhq.drafts.log.JsonLogger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what handlers log during tests, at DEBUG, so tests can check the log lines (and that secrets never
 * appear in them) without flooding the build output.
 */
public final class TestLogs {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final JsonLogger logger = new JsonLogger(
            new PrintStream(SuiteLogs.copying(buffer), true, StandardCharsets.UTF_8), JsonLogger.Level.DEBUG);

    /** Lines are also copied to the whole suite's log, which {@link LogLeakCheck} searches once the suite is over. */
    public JsonLogger logger() {
        return logger;
    }

    public List<String> lines() {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }
}
