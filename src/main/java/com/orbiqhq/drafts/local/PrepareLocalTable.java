package com.orbiqhq.drafts.local;

import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.store.DynamoDbClients;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates the local table when missing and, unless {@code SEED=false}, seeds the demo document: what
 * {@code scripts/invoke} needs before it runs the function on an event file.
 */
public final class PrepareLocalTable {
    private PrepareLocalTable() {
    }

    public static void main(String[] args) {
        Map<String, String> settings = new HashMap<>(System.getenv());
        settings.putIfAbsent("TABLE_NAME", LocalApi.DEFAULT_TABLE);
        settings.putIfAbsent("AWS_REGION", "us-east-1");
        Environment env = Environment.of(settings);

        LocalTable table = new LocalTable(DynamoDbClients.create(env), settings.get("TABLE_NAME"));
        table.createIfMissing();
        if (!"false".equalsIgnoreCase(env.orDefault("SEED", "true"))) {
            table.seedDemo();
        }
    }
}
