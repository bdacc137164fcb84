package com.orbiqhq.drafts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches every line the test suite's code under test wrote ({@link SuiteLogs}) for what must never be logged: a
 * token, an {@code Authorization} value (each one the tests sent, forged ones included, is searched for
 * literally), a key or secret of the tests, a request body's fields. The suite sends all of these thousands of
 * times, through every path that logs; not one may come out.
 *
 * <p>Run by the build once the whole suite has passed ({@code mvn verify}); it fails the build on a finding, and also
 * when the suite's own copy holds too few log lines to prove anything (the capture itself broke).
 */
public final class LogLeakCheck {
    /** A JWS or JWE: a base64url JSON header ("eyJ" is how '{"' begins) and a second part. */
    private static final Pattern TOKEN = Pattern.compile("eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}");
    /** An Authorization value's scheme followed by its credentials. */
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)\\b(bearer|basic)\\s+\\S");
    /**
     * The keys of a request body as JSON writes them, quoted and followed by a colon (the service's own lines name
     * things in camelCase, and its messages may name a field of the API, unquoted). Case-sensitive: the metrics
     * directive's {@code "Name":} is not a body's {@code "name":}.
     */
    private static final Pattern BODY_KEY = Pattern.compile("\"(source_version_id|name)\"\\s*:");
    /** The secrets the tests sign with, and the marks of a private key (PEM, or a JWK's private exponent). */
    private static final List<String> NEVER = List.of(Tokens.SECRET, "-----BEGIN", "\"d\":\"");
    /** How a line is cut into words to look the sent credentials up; a token or key is one such word. */
    private static final Pattern NOT_A_WORD = Pattern.compile("[^A-Za-z0-9._~+/=-]+");
    /** Shorter parts of a sent value (a scheme, "abc") are ordinary words, not secrets. */
    private static final int SHORTEST_SECRET_WORD = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FEWEST_LINES = 400;

    private LogLeakCheck() {
    }

    /** What the search found. */
    record Result(int logLines, int summaryLines, List<String> findings) {
    }

    /**
     * Searches every file of the suite's logs in the directory given, or else in the suite's own: its copy of what
     * the suite logged ({@code run.log}), and the log lines of the local fronts its tests started as processes.
     * Throws (failing the build) on a finding.
     */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : SuiteLogs.DIRECTORY;
        Path suiteCopy = directory.resolve(SuiteLogs.FILE.getFileName());
        if (!Files.exists(suiteCopy)) {
            fail("no copy of the suite's logs at " + suiteCopy + ": did the suite run?");
        }
        Path credentials = directory.resolve(SuiteLogs.CREDENTIALS.getFileName());
        Set<String> sentWords = secretWords(Files.exists(credentials)
                ? Files.readAllLines(credentials, StandardCharsets.UTF_8) : List.of());

        List<String> findings = new ArrayList<>();
        int logLines = 0;
        int summaries = 0;
        Result ofSuite = null;
        List<Path> files = logFiles(directory);
        for (Path file : files) {
            Result result = search(Files.readAllLines(file, StandardCharsets.UTF_8), sentWords);
            result.findings().forEach(finding -> findings.add(file.getFileName() + ": " + finding));
            logLines += result.logLines();
            summaries += result.summaryLines();
            if (file.equals(suiteCopy)) {
                ofSuite = result;
            }
        }
        if (!findings.isEmpty()) {
            fail("log lines leak what must never be logged:\n  " + String.join("\n  ", findings));
        }
        if (ofSuite == null || ofSuite.logLines() < FEWEST_LINES || ofSuite.summaryLines() == 0) {
            fail("the suite's own copy holds only " + (ofSuite == null ? 0 : ofSuite.logLines()) + " log lines; the"
                    + " capture of the suite's logs is broken");
        }
        System.out.printf("Log leak check: %,d log lines of the whole suite, in %d files (%,d request summaries),"
                + " hold no token, Authorization value (%,d sent), secret or request body.%n", logLines,
                files.size(), summaries, sentWords.size());
    }

    private static List<Path> logFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".log")).sorted().toList();
        }
    }

    /** The words of the sent credentials that are long enough to be secrets, cut as log lines are. */
    static Set<String> secretWords(List<String> sentValues) {
        Set<String> words = new HashSet<>();
        for (String value : sentValues) {
            for (String word : NOT_A_WORD.split(value)) {
                if (word.length() >= SHORTEST_SECRET_WORD) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    static Result search(List<String> lines) {
        return search(lines, Set.of());
    }

    /**
     * Searches every line, log line (a JSON object with a level and a message) or not; counts the log lines and
     * the request summaries among them.
     */
    static Result search(List<String> lines, Set<String> sentWords) {
        int logLines = 0;
        int summaries = 0;
        List<String> findings = new ArrayList<>();
        for (String line : lines) {
            JsonNode entry = logEntry(line);
            if (entry == null && line.startsWith("{\"timestamp\"")) {
                findings.add("a log line that is not whole JSON (capture mixed lines?): " + shorten(line));
                continue;
            }
            if (entry != null) {
                logLines++;
                if (entry.path("message").asText().endsWith("completed")) {
                    summaries++;
                }
            }
            String leak = leakIn(line, entry, sentWords);
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
     * What the line leaks, searched in its raw text and, for a log line, in each of its string values decoded (a
     * body logged inside a message would have its quotes escaped in the raw text).
     */
    private static String leakIn(String line, JsonNode entry, Set<String> sentWords) {
        List<String> texts = new ArrayList<>();
        texts.add(line);
        if (entry != null) {
            collectStrings(entry, texts);
        }
        for (String text : texts) {
            if (TOKEN.matcher(text).find()) {
                return "a token";
            }
            if (CREDENTIALS.matcher(text).find()) {
                return "an Authorization value";
            }
            if (BODY_KEY.matcher(text).find()) {
                return "a request body's field";
            }
            for (String never : NEVER) {
                if (text.contains(never)) {
                    return "'" + never + "'";
                }
            }
            for (String word : NOT_A_WORD.split(text)) {
                if (sentWords.contains(word)) {
                    return "an Authorization value a test sent";
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
