package com.orbiqhq.drafts.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The yardstick of the cold-start benchmark: the smallest useful Java function behind API Gateway, one
 * {@code PutItem} per request, with the SDK set up as AWS's Lambda guidance recommends (client built once in
 * static init, region from {@code AWS_REGION}, environment credentials, the URLConnection HTTP client).
 * It verifies no token and reads nothing.
 */
public final class BaselinePutItemHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final DynamoDbClient DYNAMO_DB = DynamoDbClient.builder()
            .region(Region.of(System.getenv("AWS_REGION")))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT")))
            .build();
    private static final String TABLE = System.getenv("TABLE_NAME");

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String id = UUID.randomUUID().toString();
        DYNAMO_DB.putItem(put -> put.tableName(TABLE).item(Map.of(
                "pk", AttributeValue.fromS("BASELINE#" + id),
                "sk", AttributeValue.fromS("ITEM"),
                "body", AttributeValue.fromS(event.getBody() == null ? "" : event.getBody()))));
        return new APIGatewayProxyResponseEvent().withStatusCode(201).withBody("{\"id\":\"" + id + "\"}");
    }
}
