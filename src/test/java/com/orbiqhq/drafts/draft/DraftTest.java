package com.orbiqhq.drafts.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftTest {
    @Test
    void keyFor_millis_isPrefixedStamp() {
        long millis = 1_714_502_400_000L;

        String key = Draft.keyFor(millis);

        assertThat(key).isEqualTo("draft_1714502400000");
    }

    @Test
    void keyFor_zero_isPrefixedZero() {
        long millis = 0;

        String key = Draft.keyFor(millis);

        assertThat(key).isEqualTo("draft_0");
    }

    @Test
    void constructor_modifiedFields_areCopiedAndUnmodifiable() {
        List<String> fields = new ArrayList<>(List.of("title"));

        Draft draft = new Draft("id-1", "draft_1", null, Instant.EPOCH, fields);
        fields.add("body");

        assertThat(draft.modifiedFields()).containsExactly("title");
        assertThatThrownBy(() -> draft.modifiedFields().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
