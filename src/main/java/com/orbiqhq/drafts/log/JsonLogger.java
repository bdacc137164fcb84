package com.orbiqhq.drafts.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.orbiqhq.drafts.config.Environment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;

/**
 * Writes one JSON object per line to standard output, the shape CloudWatch Logs Insights reads as fields:
 * {@code timestamp}, {@code level}, {@code message}, the invocation's {@code requestId} and {@code coldStart},
 * then the event's own key/value pairs.
 *
 * <p>The level threshold is Lambda's application log level ({@code AWS_LAMBDA_LOG_LEVEL}, set when the function
 * uses the JSON log format), else {@code LOG_LEVEL}, else INFO. Callers pass values, never request bodies,
 * tokens or headers: nothing here knows how to redact them, so they must not arrive.
 */
public final class JsonLogger {
    /** Severity, in increasing order. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final JsonFactory JSON = new JsonFactory();
    private static final ThreadLocal<InvocationContext> CONTEXT = new ThreadLocal<>();

    private final PrintStream out;
    private final Level threshold;

    public JsonLogger(PrintStream out, Level threshold) {
        this.out = out;
        this.threshold = threshold;
    }

    public static JsonLogger create(Environment env) {
        String configured = env.optional("AWS_LAMBDA_LOG_LEVEL").or(() -> env.optional("LOG_LEVEL")).orElse("INFO");
        return new JsonLogger(System.out, parseLevel(configured));
    }

    static Level parseLevel(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "TRACE", "DEBUG" -> Level.DEBUG;
            case "WARN", "WARNING" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    /** Tags every line this thread logs until the returned scope closes. */
    public Scope beginInvocation(String requestId, boolean coldStart) {
        InvocationContext previous = CONTEXT.get();
        CONTEXT.set(new InvocationContext(requestId, coldStart));
        return () -> CONTEXT.set(previous);
    }

    /** The same output with a threshold at least as high as {@code minimum}. */
    public JsonLogger atLeast(Level minimum) {
        return minimum.compareTo(threshold) > 0 ? new JsonLogger(out, minimum) : this;
    }

    public boolean isEnabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public void debug(String message, Object... keyValues) {
        log(Level.DEBUG, message, null, keyValues);
    }

    public void info(String message, Object... keyValues) {
        log(Level.INFO, message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        log(Level.WARN, message, null, keyValues);
    }

    public void error(String message, Throwable failure, Object... keyValues) {
        log(Level.ERROR, message, failure, keyValues);
    }

    /**
     * The one line that sums up a request, at INFO. It is written whatever the threshold, because it carries the
     * request's metrics ({@link EmbeddedMetrics}), which must not come and go with the log level.
     */
    public void summary(String message, Object... keyValues) {
        write(format(Level.INFO, message, null, keyValues));
    }

    private void log(Level level, String message, Throwable failure, Object... keyValues) {
        if (isEnabled(level)) {
            write(format(level, message, failure, keyValues));
        }
    }

    private void write(String line) {
        synchronized (out) {
            out.println(line);
        }
    }

    private static String format(Level level, String message, Throwable failure, Object... keyValues) {
        StringWriter buffer = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(buffer)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeStringField("level", level.name());
            json.writeStringField("message", message);
            InvocationContext context = CONTEXT.get();
            if (context != null) {
                json.writeStringField("requestId", context.requestId());
                json.writeBooleanField("coldStart", context.coldStart());
            }
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                writeField(json, String.valueOf(keyValues[i]), keyValues[i + 1]);
            }
            if (failure != null) {
                json.writeStringField("errorType", failure.getClass().getName());
                json.writeStringField("stackTrace", stackTrace(failure));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString();
    }

    private static void writeField(JsonGenerator json, String name, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNullField(name);
            case Integer number -> json.writeNumberField(name, number);
            case Long number -> json.writeNumberField(name, number);
            case Double number -> json.writeNumberField(name, number);
            case Boolean flag -> json.writeBooleanField(name, flag);
            case RawJson raw -> {
                json.writeFieldName(name);
                raw.writeTo(json);
            }
            default -> json.writeStringField(name, value.toString());
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** A value written as JSON structure rather than as a string, such as a metrics directive. */
    @FunctionalInterface
    public interface RawJson {
        void writeTo(JsonGenerator json) throws IOException;
    }

    /** Ends an invocation's tagging. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private record InvocationContext(String requestId, boolean coldStart) {
    }
}
