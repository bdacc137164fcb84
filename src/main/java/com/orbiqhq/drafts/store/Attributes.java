package com.orbiqhq.drafts.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Building and reading attribute values. Items come from several services, so a reader accepts a missing
 * optional attribute; an attribute of the wrong type, though, is a damaged item, and reading it fails loudly
 * instead of guessing (a guess could never satisfy the write's conditions, which compare the stored value).
 */
final class Attributes {
    private Attributes() {
    }

    static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String stringOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null || value.s().isEmpty() ? null : value.s();
    }

    /** A whole number, or {@code null} when the attribute is absent. */
    static Long numberOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        if (value.n() != null) {
            try {
                return Long.parseLong(value.n());
            } catch (NumberFormatException e) {
                throw new MalformedItemException(name + " is not a whole number", e);
            }
        }
        throw new MalformedItemException(name + " is not a number");
    }
}
