package com.orbiqhq.drafts.bench;

import com.orbiqhq.drafts.store.BufferedRequestBodies;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The HTTP client comparison, in a fresh JVM per run: build a DynamoDB client as AWS recommends with the given
 * HTTP client, time its first {@code PutItem} (cold) and then a run of warm ones. Prints one line of figures.
 *
 * <p>Arguments: {@code urlconnection} (the SDK's URLConnection client), {@code urlconnection-buffered} (the same
 * with request bodies buffered, as the function sends them) or {@code crt} (the AWS CRT client, loaded by name:
 * it is on the classpath only when the benchmark is run with {@code BENCH_CRT=1}); then the number of warm calls.
 */
public final class HttpClientProbe {
    private static final int WARM_UP = 500;

    private HttpClientProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        String kind = args[0];
        int calls = Integer.parseInt(args[1]);

        long initStart = System.nanoTime();
        var builder = DynamoDbClient.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT")))
                .httpClient(httpClient(kind));
        if (kind.equals("urlconnection-buffered")) {
            builder.overrideConfiguration(config -> config.addExecutionInterceptor(new BufferedRequestBodies()));
        }
        DynamoDbClient client = builder.build();
        long initEnd = System.nanoTime();
        put(client);
        long firstEnd = System.nanoTime();
        double uptimeAtFirst = ProbeSupport.sinceJvmStart();

        for (int i = 0; i < WARM_UP; i++) {
            put(client);
        }
        var threads = ManagementFactory.getThreadMXBean();
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] latency = new long[calls];
        long[] cpu = new long[calls];
        long processStart = process.getProcessCpuTime();
        for (int i = 0; i < calls; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            put(client);
            latency[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        double processMs = (process.getProcessCpuTime() - processStart) / 1e6 / calls;
        Arrays.sort(latency);
        Arrays.sort(cpu);
        System.out.printf("{\"client\":\"%s\",\"initMs\":%.1f,\"firstCallMs\":%.1f,\"jvmUptimeMs\":%.1f,"
                        + "\"warmP50Ms\":%.3f,\"cpuP50Ms\":%.3f,\"processCpuMeanMs\":%.3f,\"peakRssKib\":%d}%n",
                kind, (initEnd - initStart) / 1e6, (firstEnd - initEnd) / 1e6, uptimeAtFirst,
                ProbeSupport.percentile(latency, 50), ProbeSupport.percentile(cpu, 50), processMs,
                ProbeSupport.peakRssKib());
        client.close();
    }

    private static SdkHttpClient httpClient(String kind) throws ReflectiveOperationException {
        if (kind.equals("crt")) {
            return (SdkHttpClient) Class.forName("software.amazon.awssdk.http.crt.AwsCrtHttpClient")
                    .getMethod("create").invoke(null);
        }
        return UrlConnectionHttpClient.builder().build();
    }

    private static void put(DynamoDbClient client) {
        String id = UUID.randomUUID().toString();
        client.putItem(put -> put.tableName(System.getenv("TABLE_NAME")).item(Map.of(
                "pk", AttributeValue.fromS("CLIENT#" + id),
                "sk", AttributeValue.fromS("ITEM"),
                "body", AttributeValue.fromS("{\"source_version_id\": \"current\", \"name\": \"Benchmark\"}"))));
    }
}
