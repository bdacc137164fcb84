package com.orbiqhq.drafts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.orbiqhq.drafts.draft.DocumentRef;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PrimingServerTest {
    @Test
    void getItem_documentAndVersion_answeredAsTheTableWouldWithAValidChecksum() {
        try (PrimingServer server = PrimingServer.start();
                DynamoDbClient client = DynamoDbClients.forPriming(server.endpoint(), null)) {
            var pk = AttributeValue.fromS(
                    TableKeys.partitionKey(new DocumentRef(PrimingServer.TENANT, PrimingServer.DOCUMENT)));

            var document = client.getItem(get -> get.tableName("priming")
                    .key(Map.of("pk", pk, "sk", AttributeValue.fromS("DOCUMENT")))).item();
            var version = client.getItem(get -> get.tableName("priming")
                    .key(Map.of("pk", pk, "sk", AttributeValue.fromS("VERSION#" + PrimingServer.VERSION)))).item();

            assertThat(document.get("active_version_id").s()).isEqualTo(PrimingServer.VERSION);
            assertThat(version.get("revision").n()).isEqualTo("1");
            assertThat(version.get("tags").ss()).containsExactly("a", "b");
        }
    }

    @Test
    void serve_malformedRequest_isDroppedAndTheNextOneAnswered() throws IOException {
        try (PrimingServer server = PrimingServer.start();
                DynamoDbClient client = DynamoDbClients.forPriming(server.endpoint(), null)) {
            try (Socket socket = new Socket(server.endpoint().getHost(), server.endpoint().getPort());
                    OutputStream out = socket.getOutputStream()) {
                out.write("POST / HTTP/1.1\r\nContent-Length: nonsense\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }

            assertThat(client.transactWriteItems(write -> write.transactItems(List.of())).sdkHttpResponse()
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void close_stopsListening() {
        PrimingServer server = PrimingServer.start();
        URI endpoint = server.endpoint();

        server.close();

        assertThat(catchThrowable(() -> new Socket(endpoint.getHost(), endpoint.getPort()).close()))
                .isInstanceOf(ConnectException.class);
    }
}
