package com.orbiqhq.drafts.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Building and tolerant reading of attribute values. Items come from several services, so a reader accepts a
 * missing attribute, a DynamoDB NULL, or a number stored as a numeric string.
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

    static Long numberOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        String digits = value.n() != null ? value.n() : value.s();
        if (digits == null) {
            return null;
        }
        try {
            return Long.parseLong(digits.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
