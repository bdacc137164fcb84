package com.orbiqhq.drafts.draft;

import com.orbiqhq.drafts.error.ClientException;

/**
 * What a draft's name may be, whichever entry point names it: at most {@value #MAX_CHARACTERS} characters
 * (Unicode code points), with no control characters and no unpaired surrogates, since names are shown in user
 * interfaces and exports.
 */
public final class DraftNames {
    public static final int MAX_CHARACTERS = 255;

    private DraftNames() {
    }

    /** Returns the name, or refuses it with a message that says what is wrong. */
    public static String requireValid(String name) {
        if (name.codePointCount(0, name.length()) > MAX_CHARACTERS) {
            throw ClientException.validation("name must be at most " + MAX_CHARACTERS + " characters.");
        }
        if (!isPrintableText(name)) {
            throw ClientException.validation("name must not contain control characters or invalid Unicode.");
        }
        return name;
    }

    private static boolean isPrintableText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
