package com.orbiqhq.drafts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches every log line the test suite produced ({@link SuiteLogs}) for what must never be logged: a token, an
 * {@code Authorization} value, a key or secret of the tests, a request body. The suite sends all of these, forged
 * and valid, thousands of times, through every path that logs; not one may come out.
 *
 * <p>Run by the build once the whole suite has passed ({@code mvn verify}); it fails the build on a finding, and also
 * when the copy holds too few lines to prove anything (the capture itself broke).
 */
public final class LogLeakCheck {
    /** A JWS or JWE: a base64url JSON header ("eyJ" is how '{"' begins) and a second part. */
    private static final Pattern TOKEN = Pattern.compile("eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}");
    /** An Authorization value's scheme followed by its credentials. */
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)\\b(bearer|basic)\\s+\\S");
    /**
     * The keys of a request body as JSON writes them, quoted (the service's own lines name things in camelCase, and
     * its messages may name a field of the API, unquoted), and the secrets the tests sign with.
     */
    private static final List<String> NEVER = List.of("\"source_version_id\"", "\"name\":", Tokens.SECRET,
            "-----BEGIN", "\"d\":\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FEWEST_LINES = 400;

    private LogLeakCheck() {
    }

    /** What the search found. */
    record Result(int logLines, int summaryLines, List<String> findings) {
    }

    /**
     * Searches every file of the suite's logs in the directory given, or else in the suite's own: its copy of what
     * the suite logged, and the output of the local fronts its tests started as processes. Throws (failing the
     * build) on a finding.
     */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : SuiteLogs.DIRECTORY;
        List<Path> files = logFiles(directory);
        if (files.isEmpty()) {
            fail("no copy of the suite's logs in " + directory + ": did the suite run?");
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        Result result = search(lines);
        if (!result.findings().isEmpty()) {
            fail("log lines leak what must never be logged:\n  " + String.join("\n  ", result.findings()));
        }
        if (result.logLines() < FEWEST_LINES || result.summaryLines() == 0) {
            fail("only " + result.logLines() + " log lines (" + result.summaryLines() + " request summaries) were"
                    + " captured; the capture of the suite's logs is broken");
        }
        System.out.printf("Log leak check: %,d log lines of the whole suite, in %d files (%,d request summaries),"
                + " hold no token, Authorization value, secret or request body.%n", result.logLines(), files.size(),
                result.summaryLines());
    }

    private static List<Path> logFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".log")).sorted().toList();
        }
    }

    /** Searches the lines that are log lines (JSON objects with a level and a message); other output is not. */
    static Result search(List<String> lines) {
        int logLines = 0;
        int summaries = 0;
        List<String> findings = new ArrayList<>();
        for (String line : lines) {
            JsonNode entry = logEntry(line);
            if (entry == null) {
                if (line.startsWith("{\"timestamp\"")) {
                    findings.add("a log line that is not whole JSON (capture mixed lines?): " + shorten(line));
                }
                continue;
            }
            logLines++;
            if (entry.path("message").asText().endsWith("completed")) {
                summaries++;
            }
            String leak = leakIn(line, entry);
            if (leak != null) {
                findings.add(leak + ": " + shorten(line));
            }
        }
        return new Result(logLines, summaries, findings);
    }

    private static JsonNode logEntry(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode entry = JSON.readTree(line);
            return entry.isObject() && entry.has("level") && entry.has("message") ? entry : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * What the line leaks, searched in its raw text and in each of its string values decoded (a body logged inside
     * a message would have its quotes escaped in the raw text). Body fields are matched case-sensitively: the
     * metrics directive's {@code "Name":} is not a body's {@code "name":}.
     */
    private static String leakIn(String line, JsonNode entry) {
        List<String> texts = new ArrayList<>();
        texts.add(line);
        collectStrings(entry, texts);
        for (String text : texts) {
            if (TOKEN.matcher(text).find()) {
                return "a token";
            }
            if (CREDENTIALS.matcher(text).find()) {
                return "an Authorization value";
            }
            for (String never : NEVER) {
                if (text.contains(never)) {
                    return "'" + never + "'";
                }
            }
        }
        return null;
    }

    private static void collectStrings(JsonNode node, List<String> into) {
        if (node.isTextual()) {
            into.add(node.asText());
        }
        node.forEach(child -> collectStrings(child, into));
    }

    private static String shorten(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static void fail(String message) {
        throw new IllegalStateException("Log leak check failed: " + message);
    }
}
