package com.orbiqhq.drafts.draft;

import com.orbiqhq.drafts.error.ClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A client's (or a schedule's) idempotency key. Only its SHA-256 is ever stored or logged.
 */
public final class IdempotencyKey {
    public static final int MAX_LENGTH = 255;

    private final String hash;

    private IdempotencyKey(String hash) {
        this.hash = hash;
    }

    /**
     * Reads an {@code Idempotency-Key} header value: 1 to 255 printable ASCII characters.
     *
     * @return the key, or {@code null} when the header is absent
     */
    public static IdempotencyKey fromHeader(String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw ClientException.validation("Idempotency-Key must be 1 to 255 printable ASCII characters.");
        }
        return new IdempotencyKey(sha256Hex(value));
    }

    /** A key derived by the service itself, for example from a scheduled run's identity. */
    public static IdempotencyKey derived(String identity) {
        return new IdempotencyKey(sha256Hex(identity));
    }

    /** Hex SHA-256 of the key; the idempotency record's sort key is built from it. */
    public String hash() {
        return hash;
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "IdempotencyKey[" + hash.substring(0, 12) + "]";
    }
}
