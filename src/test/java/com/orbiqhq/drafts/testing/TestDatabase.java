package com.orbiqhq.drafts.testing;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one place that decides which DynamoDB endpoint integration tests use: {@code DYNAMODB_ENDPOINT} when set,
 * else LocalStack when a Docker engine runs, else moto. Each suite variant asks for its kind; a LocalStack variant
 * without Docker says so and steps aside, since the moto variant runs the same tests.
 */
public final class TestDatabase {
    private static final DockerImageName LOCALSTACK_IMAGE = DockerImageName.parse("localstack/localstack:3.8");
    private static LocalStackContainer localStack;

    /** Which implementation a suite variant runs against. */
    public enum Kind { MOTO, LOCALSTACK }

    private TestDatabase() {
    }

    public static String endpoint(Kind kind) {
        String override = System.getenv("DYNAMODB_ENDPOINT");
        if (override != null && !override.isBlank()) {
            return override;
        }
        return switch (kind) {
            case MOTO -> MotoServer.endpoint();
            case LOCALSTACK -> localStackEndpoint();
        };
    }

    private static synchronized String localStackEndpoint() {
        if (!dockerAvailable()) {
            String reason = "No Docker engine here: the LocalStack variant steps aside (the moto variant runs the"
                    + " same suite).";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        if (localStack == null) {
            localStack = new LocalStackContainer(LOCALSTACK_IMAGE).withServices(LocalStackContainer.Service.DYNAMODB);
            localStack.start();
        }
        return localStack.getEndpoint().toString();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
