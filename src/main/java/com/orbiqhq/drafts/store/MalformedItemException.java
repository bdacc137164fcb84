package com.orbiqhq.drafts.store;

/**
 * An item in the table does not have the shape this service relies on (an attribute of the wrong type, say).
 * Nothing a client can change: it surfaces as a 500, and the log names the attribute.
 */
public final class MalformedItemException extends IllegalStateException {
    MalformedItemException(String message) {
        super(message);
    }

    MalformedItemException(String message, Throwable cause) {
        super(message, cause);
    }
}
