package com.orbiqhq.drafts.testing;

import com.orbiqhq.drafts.draft.DraftNames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Request bodies for property-based tests (jqwik): hostile ones of every kind, from random bytes to well-formed JSON
 * of the wrong shape, and valid ones written in every way JSON allows, each with what it must parse to.
 */
public final class JsonBodies {
    /** The accepted field names, the response's fields (which a client must never set), and near misses. */
    private static final List<String> FIELDS = List.of("source_version_id", "name", "id", "key", "status",
            "is_active", "date_created", "date_updated", "modified_fields", "tenant_id", "document_id", "NAME",
            "source_version_id\u0000", "");

    private JsonBodies() {
    }

    /** A valid body's text and what it must parse to ({@code null}: the field is absent, null or "current"). */
    public record ValidBody(String text, String sourceVersionId, String name) {
        public byte[] bytes() {
            return utf8(text);
        }
    }

    public static Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    /** Pieces of JSON (and of what is almost JSON) strung together in any order, including bytes UTF-8 forbids. */
    public static Arbitrary<byte[]> jsonFragments() {
        Arbitrary<byte[]> fragment = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\\", " ", "\n", "\t", "null", "true", "false",
                        "0", "-0", "01", "1e999999", "-1.5E-7", "123456789012345678901234567890", "NaN", "Infinity",
                        "\"source_version_id\"", "\"name\"", "\"current\"", "\"status\"", "\"draft\"",
                        "\"" + UUID.randomUUID() + "\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\uD83D\\uDE00\"",
                        "\"\\\"\"", "\"\\x41\"", "/*", "*/", "//", "'", "\uFEFF", "é", "\uD83D\uDE00",
                        "x".repeat(300)).map(JsonBodies::utf8),
                Arbitraries.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {0}));
        return fragment.list().ofMaxSize(40).map(JsonBodies::concatenated);
    }

    /** Syntactically valid JSON of any shape: mostly objects of accepted and refused fields, values of every type. */
    public static Arbitrary<byte[]> jsonDocuments() {
        return Arbitraries.frequencyOf(Tuple.of(6, object(3)), Tuple.of(1, jsonValue(3))).map(JsonBodies::utf8);
    }

    /** A valid body with one to four bytes flipped, dropped or inserted, or the body cut short. */
    public static Arbitrary<byte[]> mutatedValidBodies() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Mutation.Kind.values()),
                Arbitraries.doubles().between(0, 1), Arbitraries.bytes()).as(Mutation::new);
        return Combinators.combine(validBodies(), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as((valid, mutations) -> {
                    byte[] body = valid.bytes();
                    for (Mutation change : mutations) {
                        body = change.applyTo(body);
                    }
                    return body;
                });
    }

    /** A valid body padded with whitespace to within a few bytes of {@code limit}, either side of it. */
    public static Arbitrary<ValidBody> aroundTheSizeLimit(int limit) {
        return Combinators.combine(validBodies(), Arbitraries.integers().between(-3, 3))
                .as((valid, offset) -> new ValidBody(valid.text() + " ".repeat(Math.max(0, limit + offset
                        - valid.bytes().length)), valid.sourceVersionId(), valid.name()));
    }

    /** Valid bodies written in any of the ways JSON allows: field order, whitespace, escapes, letter case. */
    public static Arbitrary<ValidBody> validBodies() {
        Arbitrary<Tuple2<String, String>> source = Arbitraries.oneOf(
                Arbitraries.just(Tuple.<String, String>of(null, null)),
                Arbitraries.just(Tuple.<String, String>of("null", null)),
                Arbitraries.just(Tuple.<String, String>of("\"current\"", null)),
                mixedCaseUuids().map(uuid -> Tuple.of(quoted(uuid), uuid.toLowerCase(Locale.ROOT))));
        Arbitrary<Tuple2<String, String>> name = Arbitraries.oneOf(
                Arbitraries.just(Tuple.<String, String>of(null, null)),
                Arbitraries.just(Tuple.<String, String>of("null", null)),
                Combinators.combine(validNames(), Arbitraries.of(true, false))
                        .as((text, escapeAll) -> Tuple.of(escapeAll ? escapedAll(text) : quoted(text), text)));
        return Combinators.combine(source, name, Arbitraries.of(true, false), whitespace().list().ofSize(8))
                .as((sourceField, nameField, nameFirst, spaces) -> {
                    List<String> members = new ArrayList<>();
                    if (sourceField.get1() != null) {
                        members.add(quoted("source_version_id") + spaces.get(0) + ":" + spaces.get(1)
                                + sourceField.get1());
                    }
                    if (nameField.get1() != null) {
                        members.add(quoted("name") + spaces.get(2) + ":" + spaces.get(3) + nameField.get1());
                    }
                    if (nameFirst) {
                        members = members.reversed();
                    }
                    String text = spaces.get(4) + "{" + spaces.get(5)
                            + String.join(spaces.get(6) + "," + spaces.get(6), members) + spaces.get(7) + "}";
                    return new ValidBody(text, sourceField.get2(), nameField.get2());
                });
    }

    /** A {@code Content-Type} header value ({@code null}: none sent), and whether the API takes it for JSON. */
    public record ContentType(String value, boolean json) {
        @Override
        public String toString() {
            return value == null ? "no Content-Type" : "Content-Type '" + value + "'";
        }
    }

    /**
     * Content types a client might send: the JSON ones the API accepts ({@code application/json} and {@code +json}
     * types, any case, parameters allowed), near misses, other types, malformed ones, none at all, and random text
     * without a slash (which cannot name a JSON type).
     */
    public static Arbitrary<ContentType> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("application/json", "application/json; charset=utf-8",
                        "Application/JSON", "application/merge-patch+json", "application/vnd.api+json ; v=2")
                        .map(value -> new ContentType(value, true))),
                Tuple.of(2, Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                        "application/jsonx", "application/", "/json", "+json", "application/+json", "", ";", "json",
                        "application/json, text/plain").map(value -> new ContentType(value, false))),
                Tuple.of(1, Arbitraries.just(new ContentType(null, false))),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(60).filter(text -> !text.contains("/"))
                        .map(value -> new ContentType(value, false))));
    }

    private static Arbitrary<String> object(int depth) {
        return Combinators.combine(fieldNames(), jsonValue(depth - 1))
                .as((field, value) -> quoted(field) + ":" + value).list().ofMaxSize(4)
                .map(members -> "{" + String.join(",", members) + "}");
    }

    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e400", "3.25", "\"current\"", "\"\""),
                mixedCaseUuids().map(JsonBodies::quoted),
                Arbitraries.strings().all().ofMaxLength(300).map(JsonBodies::quoted));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = jsonValue(depth - 1).list().ofMaxSize(3)
                .map(items -> "[" + String.join(",", items) + "]");
        return Arbitraries.frequencyOf(Tuple.of(5, scalar), Tuple.of(1, array), Tuple.of(1, object(depth)));
    }

    private static Arbitrary<String> fieldNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(FIELDS)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(100)));
    }

    private static Arbitrary<String> mixedCaseUuids() {
        return Arbitraries.randomValue(random -> {
            char[] text = UUID.randomUUID().toString().toCharArray();
            for (int i = 0; i < text.length; i++) {
                text[i] = random.nextBoolean() ? Character.toUpperCase(text[i]) : text[i];
            }
            return new String(text);
        });
    }

    /** Names the service accepts: up to 255 code points from all of Unicode but the controls and surrogates. */
    private static Arbitrary<String> validNames() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0xA0, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(DraftNames.MAX_CHARACTERS).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    private static Arbitrary<String> whitespace() {
        return Arbitraries.of("", " ", "\t", "\n", "\r\n", "  \n\t ");
    }

    /** A JSON string of any text: quotes, backslashes, controls and lone surrogates escaped, the rest as it is. */
    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (pairStart) {
                json.append(c).append(text.charAt(++i));
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /**
     * The same text as a JSON string of nothing but escapes, a surrogate pair for each code point beyond the basic
     * plane, in upper- and lower-case hex by turns (JSON allows both).
     */
    private static String escapedAll(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            json.append(String.format(Locale.ROOT, i % 2 == 0 ? "\\u%04x" : "\\u%04X", (int) text.charAt(i)));
        }
        return json.append('"').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concatenated(List<byte[]> parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        parts.forEach(bytes::writeBytes);
        return bytes.toByteArray();
    }

    /** Bytes as a test failure shows them: UTF-8 where they are, control characters as {@code \xNN}. */
    public static String printable(byte[] body) {
        StringBuilder text = new StringBuilder();
        new String(body, StandardCharsets.UTF_8).codePoints().limit(300).forEach(c -> text.append(
                Character.isISOControl(c) ? String.format(Locale.ROOT, "\\x%02x", c) : Character.toString(c)));
        return text.toString();
    }

    /** One change to a body's bytes, at a relative position so that it fits a body of any length. */
    private record Mutation(Kind kind, double position, byte value) {
        enum Kind { FLIP, DROP, INSERT, CUT_SHORT }

        byte[] applyTo(byte[] body) {
            if (body.length == 0) {
                return new byte[] {value};
            }
            int at = (int) (position * body.length);
            int index = Math.min(at, body.length - 1);
            ByteArrayOutputStream changed = new ByteArrayOutputStream();
            switch (kind) {
                case FLIP -> {
                    byte[] copy = body.clone();
                    copy[index] = (byte) (copy[index] ^ (value == 0 ? 1 : value));
                    return copy;
                }
                case DROP -> {
                    changed.write(body, 0, index);
                    changed.write(body, index + 1, body.length - index - 1);
                }
                case INSERT -> {
                    changed.write(body, 0, at);
                    changed.write(value);
                    changed.write(body, at, body.length - at);
                }
                default -> changed.write(body, 0, at); // CUT_SHORT
            }
            return changed.toByteArray();
        }
    }
}
