package com.orbiqhq.drafts.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ErrorCode;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {
    private static final String REFUSAL = "Idempotency-Key must be 1 to 255 printable ASCII characters.";

    @Test
    void fromHeader_null_returnsNull() {
        String header = null;

        IdempotencyKey key = IdempotencyKey.fromHeader(header);

        assertThat(key).isNull();
    }

    @ParameterizedTest
    @MethodSource("invalidHeaders")
    void fromHeader_invalidValue_isRefusedAsValidationFailure(String header) {
        Throwable thrown = catchThrowable(() -> IdempotencyKey.fromHeader(header));

        assertThat(thrown).isInstanceOf(ClientException.class);
        ClientException failure = (ClientException) thrown;
        assertThat(failure.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(failure.getMessage()).isEqualTo(REFUSAL);
    }

    static String[] invalidHeaders() {
        return new String[] {
            "",
            "a".repeat(256),
            "key\u007f",
            "key\twith-tab",
            "key\nwith-newline",
            "\u0000",
            "clé",
            "key-\u00a0",
            "emoji-\uD83D\uDE00"
        };
    }

    @Test
    void fromHeader_255PrintableCharacters_isAccepted() {
        String header = printableAscii().repeat(3).substring(0, 255);

        IdempotencyKey key = IdempotencyKey.fromHeader(header);

        assertThat(header).hasSize(255);
        assertThat(key).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", " ", "~", "8c1e7d0c-2f55-4b8e-9a0e-0cfb2b5ab7a3", "key with spaces"})
    void fromHeader_printableAscii_hashIs64LowerCaseHexDigits(String header) {
        IdempotencyKey key = IdempotencyKey.fromHeader(header);

        assertThat(key.hash()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void fromHeader_knownValue_hashIsItsSha256() {
        IdempotencyKey key = IdempotencyKey.fromHeader("abc");

        String hash = key.hash();

        assertThat(hash).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void fromHeader_equalValues_haveEqualHashes() {
        IdempotencyKey first = IdempotencyKey.fromHeader("order-42");
        IdempotencyKey second = IdempotencyKey.fromHeader(new String("order-42"));

        String firstHash = first.hash();
        String secondHash = second.hash();

        assertThat(firstHash).isEqualTo(secondHash);
    }

    @Test
    void fromHeader_differentValues_haveDifferentHashes() {
        IdempotencyKey lower = IdempotencyKey.fromHeader("order-42");
        IdempotencyKey upper = IdempotencyKey.fromHeader("ORDER-42");

        String lowerHash = lower.hash();
        String upperHash = upper.hash();

        assertThat(lowerHash).isNotEqualTo(upperHash);
    }

    @Test
    void toString_neverRevealsTheKey() {
        IdempotencyKey key = IdempotencyKey.fromHeader("my-secret-idempotency-key");

        String text = key.toString();

        assertThat(text).doesNotContain("my-secret-idempotency-key").doesNotContain("secret");
        assertThat(text).doesNotContain(key.hash());
    }

    @Test
    void derived_sameIdentity_givesSameHash() {
        IdempotencyKey first = IdempotencyKey.derived("schedule/quarterly/2025-04-01T00:00:00Z");
        IdempotencyKey second = IdempotencyKey.derived("schedule/quarterly/2025-04-01T00:00:00Z");

        String firstHash = first.hash();

        assertThat(firstHash).isEqualTo(second.hash()).matches("[0-9a-f]{64}");
    }

    private static String printableAscii() {
        return IntStream.range(0x20, 0x7f)
                .mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.joining());
    }
}
