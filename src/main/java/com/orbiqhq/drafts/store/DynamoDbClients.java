package com.orbiqhq.drafts.store;

import com.orbiqhq.drafts.config.ConfigurationException;
import com.orbiqhq.drafts.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the one DynamoDB client an execution environment uses, set up for Lambda: region from
 * {@code AWS_REGION}, the light URLConnection HTTP client (with request bodies buffered, see
 * {@link BufferedRequestBodies}), short connect and socket timeouts, and the SDK's standard retries (which back off
 * on throttling). Credentials come from Lambda's environment variables, or from
 * its container credentials endpoint (what SnapStart-restored functions use).
 *
 * <p>With {@code DYNAMODB_ENDPOINT} set (local runs and tests only) the client talks to that endpoint, with the
 * credentials in the environment or placeholder ones, which local databases accept.
 */
public final class DynamoDbClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /**
     * How long a read may wait: bounds each attempt on a server that accepts but does not answer, so the SDK retries
     * it. (An SDK attempt timeout would do the same through a second timer task per call on its scheduler threads:
     * with both timers those threads cost about 0.1 ms of CPU per draft, with the call's timer alone 0.02 ms. The
     * call as a whole stays bounded by {@link #CALL_TIMEOUT} or the invocation's remaining time.)
     */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    /** A call's limit, retries included; a call made nearer than this to the deadline gets the time left. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private DynamoDbClients() {
    }

    public static DynamoDbClient create(Environment env) {
        var builder = configured(CallTimer.SCHEDULER);

        var endpoint = env.optional("DYNAMODB_ENDPOINT");
        if (endpoint.isPresent()) {
            return builder
                    .endpointOverride(endpointUri(endpoint.get()))
                    .region(Region.of(env.orDefault("AWS_REGION", "us-east-1")))
                    .credentialsProvider(localCredentials(env))
                    .build();
        }
        return builder
                .region(Region.of(env.required("AWS_REGION")))
                .credentialsProvider(lambdaCredentials())
                .build();
    }

    /**
     * A client set up exactly like the function's, talking to the priming stand-in on the loopback interface
     * ({@link PrimingServer}), with placeholder credentials, and the caller's scheduler for the SDK's timeouts (so
     * that the caller can wait for its threads to end).
     */
    static DynamoDbClient forPriming(URI endpoint, ScheduledExecutorService scheduler) {
        return configured(scheduler)
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build();
    }

    /**
     * The one thread of this process that times the function's calls ({@link #CALL_TIMEOUT}). The SDK's own
     * scheduler has five core threads and starts another for each of the first five calls, so the first request
     * of an execution environment started three threads (about a tenth of its time). One thread is enough: a timer
     * task only interrupts a call that ran out of time. A call that finishes cancels its task, and a cancelled task
     * leaves the queue at once rather than when its 5 s would have run out, so the queue holds only the calls in
     * flight. The thread starts with the first call and is a daemon, so it never holds the JVM open; it is shared
     * by every client this class builds (an execution environment builds one), so none is left behind by a client
     * that is closed.
     */
    private static final class CallTimer {
        static final ScheduledExecutorService SCHEDULER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "dynamodb-call-timeout");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.setRemoveOnCancelPolicy(true);
            return scheduler;
        }
    }

    /** The function's client setup, with the scheduler that times its calls. */
    private static DynamoDbClientBuilder configured(ScheduledExecutorService scheduler) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .overrideConfiguration(config -> {
                    config.retryStrategy(RetryMode.STANDARD)
                            .addExecutionInterceptor(new BufferedRequestBodies())
                            .apiCallTimeout(CALL_TIMEOUT)
                            .scheduledExecutorService(scheduler);
                });
    }

    private static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(),
                ContainerCredentialsProvider.create());
    }

    private static AwsCredentialsProvider localCredentials(Environment env) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                env.orDefault("AWS_ACCESS_KEY_ID", "local"),
                env.orDefault("AWS_SECRET_ACCESS_KEY", "local")));
    }

    private static URI endpointUri(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ConfigurationException("DYNAMODB_ENDPOINT must be an absolute URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("DYNAMODB_ENDPOINT is not a valid URL", e);
        }
    }
}
