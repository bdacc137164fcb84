package com.orbiqhq.drafts.store;

import com.orbiqhq.drafts.draft.VersionRepository;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The database priming talks to: a repository whose client is set up like the function's and whose table is the
 * in-process stand-in {@link PrimingServer}. Nothing it does leaves the process. Closing it closes the client,
 * ends the threads of the SDK's timeout scheduler (waiting for them: the SDK's own shutdown does not) and stops
 * the stand-in, so that no thread or socket of it is left in a snapshot.
 */
public final class PrimingDatabase implements AutoCloseable {
    /** The tenant, document and version the stand-in knows (the version is the promoted one). */
    public static final String TENANT = PrimingServer.TENANT;
    public static final String DOCUMENT = PrimingServer.DOCUMENT;
    public static final String VERSION = PrimingServer.VERSION;

    private static final long THREAD_END_WAIT_MILLIS = 2_000;

    private final PrimingServer server;
    private final List<Thread> schedulerThreads = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final DynamoDbClient client;

    private PrimingDatabase(PrimingServer server) {
        this.server = server;
        this.scheduler = Executors.newScheduledThreadPool(1, task -> {
            Thread thread = new Thread(task, "priming-sdk-scheduler");
            thread.setDaemon(true);
            schedulerThreads.add(thread);
            return thread;
        });
        this.client = DynamoDbClients.forPriming(server.endpoint(), scheduler);
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
        return new DynamoDbVersionRepository(client, PrimingServer.TABLE);
    }

    @Override
    public void close() {
        try {
            client.close();
            scheduler.shutdownNow();
            for (Thread thread : schedulerThreads) {
                thread.join(THREAD_END_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }
}
