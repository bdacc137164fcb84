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
    private final JsonLogger logger =
            new JsonLogger(new PrintStream(buffer, true, StandardCharsets.UTF_8), JsonLogger.Level.DEBUG);

    public JsonLogger logger() {
        return logger;
    }

    public synchronized List<String> lines() {
        return buffer.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
