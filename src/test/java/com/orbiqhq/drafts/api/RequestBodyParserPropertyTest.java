package com.orbiqhq.drafts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.orbiqhq.drafts.draft.DraftNames;
import com.orbiqhq.drafts.draft.Uuids;
import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ErrorCode;
import com.orbiqhq.drafts.testing.JsonBodies;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The body parser against bodies no list of examples would think of. Whatever the bytes, the answer is either a
 * body the service can act on (its fields valid) or a 400 {@code validation_failed} that says what is wrong: never
 * an exception of another kind, which the handler could only answer with a 500. And every valid body, however it is
 * written (field order, whitespace, escapes, letter case), parses to exactly what it says.
 */
class RequestBodyParserPropertyTest {
    private static final int LONGEST_MESSAGE = 200;

    @Property(tries = 3000)
    void anyBytes_areParsedOrRefusedAsValidation(@ForAll("anyBytes") byte[] body) {
        assertParsedOrRefused(body);
    }

    @Property(tries = 3000)
    void jsonFragmentsInAnyOrder_areParsedOrRefusedAsValidation(@ForAll("jsonFragments") byte[] body) {
        assertParsedOrRefused(body);
    }

    @Property(tries = 3000)
    void wellFormedJsonOfAnyShape_isParsedOrRefusedAsValidation(@ForAll("jsonDocuments") byte[] body) {
        assertParsedOrRefused(body);
    }

    @Property(tries = 3000)
    void validBodyWithBytesChanged_isParsedOrRefusedAsValidation(@ForAll("mutatedValidBodies") byte[] body) {
        assertParsedOrRefused(body);
    }

    @Property(tries = 3000)
    void validBody_parsesToExactlyWhatItSays(@ForAll("validBodies") JsonBodies.ValidBody body) {
        CreateVersionBody parsed = RequestBodyParser.parse(body.bytes());

        assertThat(parsed).as(body.text()).isEqualTo(new CreateVersionBody(body.sourceVersionId(), body.name()));
    }

    private static void assertParsedOrRefused(byte[] body) {
        AtomicReference<CreateVersionBody> parsed = new AtomicReference<>();

        Throwable thrown = catchThrowable(() -> parsed.set(RequestBodyParser.parse(body)));

        if (thrown == null) {
            String source = parsed.get().sourceVersionId();
            String name = parsed.get().name();
            assertThat(source == null || source.equals(Uuids.normalize(source))).as("canonical source %s", source)
                    .isTrue();
            assertThat(name == null || DraftNames.requireValid(name).equals(name)).isTrue();
            return;
        }
        assertThat(thrown).as("refusal of %s", JsonBodies.printable(body)).isInstanceOf(ClientException.class);
        ClientException refusal = (ClientException) thrown;
        assertThat(refusal.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal.publicMessage()).isNotBlank().hasSizeLessThanOrEqualTo(LONGEST_MESSAGE);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return JsonBodies.anyBytes();
    }

    @Provide
    Arbitrary<byte[]> jsonFragments() {
        return JsonBodies.jsonFragments();
    }

    @Provide
    Arbitrary<byte[]> jsonDocuments() {
        return JsonBodies.jsonDocuments();
    }

    @Provide
    Arbitrary<byte[]> mutatedValidBodies() {
        return JsonBodies.mutatedValidBodies();
    }

    @Provide
    Arbitrary<JsonBodies.ValidBody> validBodies() {
        return JsonBodies.validBodies();
    }
}
