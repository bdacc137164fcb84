package com.orbiqhq.drafts.draft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentStateTest {
    private static final long NOW = 1_746_005_400_000L;

    @Test
    void nextDraftKeyMillis_noEarlierStamp_isNow() {
        DocumentState state = new DocumentState("active-1", null);

        long next = state.nextDraftKeyMillis(NOW);

        assertThat(next).isEqualTo(NOW);
    }

    @Test
    void nextDraftKeyMillis_stampInThePast_isNow() {
        DocumentState state = new DocumentState("active-1", NOW - 5_000);

        long next = state.nextDraftKeyMillis(NOW);

        assertThat(next).isEqualTo(NOW);
    }

    @Test
    void nextDraftKeyMillis_stampOneMillisecondAgo_isNow() {
        DocumentState state = new DocumentState("active-1", NOW - 1);

        long next = state.nextDraftKeyMillis(NOW);

        assertThat(next).isEqualTo(NOW);
    }

    @Test
    void nextDraftKeyMillis_stampEqualToNow_isOnePastNow() {
        DocumentState state = new DocumentState("active-1", NOW);

        long next = state.nextDraftKeyMillis(NOW);

        assertThat(next).isEqualTo(NOW + 1);
    }

    @Test
    void nextDraftKeyMillis_stampInTheFuture_isOnePastTheStamp() {
        DocumentState state = new DocumentState(null, NOW + 40);

        long next = state.nextDraftKeyMillis(NOW);

        assertThat(next).isEqualTo(NOW + 41);
    }
}
