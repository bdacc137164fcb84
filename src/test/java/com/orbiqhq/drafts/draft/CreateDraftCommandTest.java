package com.orbiqhq.drafts.draft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreateDraftCommandTest {
    private static final DocumentRef DOCUMENT = new DocumentRef("acme", "7f1c2a6e-0d3b-4c8e-9a51-2b6f0e4d7c19");
    private static final String SOURCE = "b9db1e63-3c9c-4b37-a1b1-29d9a7df0a46";

    @Test
    void fingerprint_sameRequest_isStable() {
        CreateDraftCommand first = command(DOCUMENT, SOURCE, "Q2 Refresh");
        CreateDraftCommand second = command(DOCUMENT, SOURCE, "Q2 Refresh");

        String fingerprint = first.fingerprint();

        assertThat(fingerprint).isEqualTo(second.fingerprint()).matches("[0-9a-f]{64}");
    }

    @Test
    void fingerprint_absentSourceAndCurrent_areTheSameRequest() {
        CreateDraftCommand absent = command(DOCUMENT, null, "Q2 Refresh");
        CreateDraftCommand current = command(DOCUMENT, null, "Q2 Refresh");

        String absentFingerprint = absent.fingerprint();

        assertThat(absent.copiesPromotedVersion()).isTrue();
        assertThat(absentFingerprint).isEqualTo(current.fingerprint());
    }

    @Test
    void fingerprint_literalCurrentSource_matchesAbsentSource() {
        CreateDraftCommand absent = command(DOCUMENT, null, "Q2 Refresh");
        CreateDraftCommand literal = command(DOCUMENT, "current", "Q2 Refresh");

        String absentFingerprint = absent.fingerprint();

        assertThat(absentFingerprint).isEqualTo(literal.fingerprint());
    }

    @Test
    void fingerprint_explicitSource_differsFromPromoted() {
        CreateDraftCommand promoted = command(DOCUMENT, null, "Q2 Refresh");
        CreateDraftCommand explicit = command(DOCUMENT, SOURCE, "Q2 Refresh");

        String promotedFingerprint = promoted.fingerprint();

        assertThat(explicit.copiesPromotedVersion()).isFalse();
        assertThat(promotedFingerprint).isNotEqualTo(explicit.fingerprint());
    }

    @Test
    void fingerprint_differentName_differs() {
        CreateDraftCommand first = command(DOCUMENT, null, "Q2 Refresh");
        CreateDraftCommand second = command(DOCUMENT, null, "Q3 Refresh");

        String firstFingerprint = first.fingerprint();

        assertThat(firstFingerprint).isNotEqualTo(second.fingerprint());
    }

    @Test
    void fingerprint_nullNameAndEmptyName_differ() {
        CreateDraftCommand unnamed = command(DOCUMENT, null, null);
        CreateDraftCommand emptyName = command(DOCUMENT, null, "");

        String unnamedFingerprint = unnamed.fingerprint();

        assertThat(unnamedFingerprint).isNotEqualTo(emptyName.fingerprint());
    }

    @Test
    void fingerprint_nameThatSpellsTheNullMarker_differsFromNoName() {
        CreateDraftCommand unnamed = command(DOCUMENT, null, null);
        CreateDraftCommand dashName = command(DOCUMENT, null, "-");

        String unnamedFingerprint = unnamed.fingerprint();

        assertThat(unnamedFingerprint).isNotEqualTo(dashName.fingerprint());
    }

    @Test
    void fingerprint_differentDocument_differs() {
        CreateDraftCommand first = command(DOCUMENT, SOURCE, "Q2 Refresh");
        CreateDraftCommand second = command(new DocumentRef("acme", "0d3b7f1c-2a6e-4c8e-9a51-2b6f0e4d7c19"),
                SOURCE, "Q2 Refresh");

        String firstFingerprint = first.fingerprint();

        assertThat(firstFingerprint).isNotEqualTo(second.fingerprint());
    }

    @Test
    void fingerprint_differentCallerOrKey_doesNotChange() {
        CreateDraftCommand first = new CreateDraftCommand(DOCUMENT, SOURCE, "Q2", "user-1",
                IdempotencyKey.fromHeader("key-1"));
        CreateDraftCommand second = new CreateDraftCommand(DOCUMENT, SOURCE, "Q2", "user-2", null);

        String firstFingerprint = first.fingerprint();

        assertThat(firstFingerprint).isEqualTo(second.fingerprint());
    }

    private static CreateDraftCommand command(DocumentRef document, String source, String name) {
        return new CreateDraftCommand(document, source, name, "user-1", null);
    }
}
