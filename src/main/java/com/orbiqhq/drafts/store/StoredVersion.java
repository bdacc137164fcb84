package com.orbiqhq.drafts.store;

import com.orbiqhq.drafts.draft.SourceVersion;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A version item as read, kept whole so that every attribute can be copied into a draft. */
record StoredVersion(String id, Long revision, Map<String, AttributeValue> item) implements SourceVersion {
}
