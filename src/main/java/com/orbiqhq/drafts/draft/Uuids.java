package com.orbiqhq.drafts.draft;

import java.util.Locale;
import java.util.regex.Pattern;

/** Canonical UUID text: 8-4-4-4-12 hex digits, compared and stored in lower case. */
public final class Uuids {
    private static final Pattern CANONICAL =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Uuids() {
    }

    /** The lower-case form of a canonical UUID, or {@code null} when the text is not one. */
    public static String normalize(String text) {
        return text != null && CANONICAL.matcher(text).matches() ? text.toLowerCase(Locale.ROOT) : null;
    }
}
