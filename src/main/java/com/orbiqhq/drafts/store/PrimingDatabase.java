package com.orbiqhq.drafts.store;

import com.orbiqhq.drafts.draft.VersionRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The database priming talks to: a repository whose client is set up like the function's and whose table is the
 * in-process stand-in {@link PrimingServer}. Nothing it does leaves the process; closing it closes the client and
 * stops the stand-in, so nothing of it is left in a snapshot.
 */
public final class PrimingDatabase implements AutoCloseable {
    /** The tenant and document the stand-in knows (its one version is the promoted one). */
    public static final String TENANT = PrimingServer.TENANT;
    public static final String DOCUMENT = PrimingServer.DOCUMENT;

    private final PrimingServer server;
    private final DynamoDbClient client;

    private PrimingDatabase(PrimingServer server) {
        this.server = server;
        this.client = DynamoDbClients.forPriming(server.endpoint());
    }

    public static PrimingDatabase start() {
        PrimingServer server = PrimingServer.start();
        try {
            return new PrimingDatabase(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public VersionRepository repository() {
        return new DynamoDbVersionRepository(client, "priming");
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
