package com.orbiqhq.drafts.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the priming client: answers DynamoDB calls from memory, as the table would for the priming
 * document, so that priming exercises marshalling, signing and unmarshalling without a connection or a write.
 * A snapshot taken after priming therefore holds no socket and nothing written anywhere.
 */
final class PrimingHttpClient implements SdkHttpClient {
    static final String TENANT = "priming";
    static final String DOCUMENT = "00000000-0000-4000-8000-000000000001";
    static final String VERSION = "00000000-0000-4000-8000-000000000002";

    private static final String PK = "{\"S\":\"TENANT#" + TENANT + "#DOCUMENT#" + DOCUMENT + "\"}";
    private static final String DOCUMENT_ITEM = "{\"Item\":{\"pk\":" + PK + ",\"sk\":{\"S\":\"DOCUMENT\"},"
            + "\"active_version_id\":{\"S\":\"" + VERSION + "\"},\"last_draft_key_ms\":{\"N\":\"1\"}}}";
    private static final String VERSION_ITEM = "{\"Item\":{\"pk\":" + PK + ",\"sk\":{\"S\":\"VERSION#" + VERSION
            + "\"},\"id\":{\"S\":\"" + VERSION + "\"},\"revision\":{\"N\":\"1\"},\"status\":{\"S\":\"published\"},"
            + "\"title\":{\"S\":\"Priming\"},\"tags\":{\"SS\":[\"a\",\"b\"]},\"size\":{\"N\":\"1\"},"
            + "\"file\":{\"M\":{\"bucket\":{\"S\":\"b\"}}},\"flags\":{\"L\":[{\"BOOL\":true},{\"NULL\":true}]}}}";

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        String body = request.contentStreamProvider().map(provider -> read(provider.newStream())).orElse("");
        String answer = answerFor(target, body);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(bytes.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private static String answerFor(String target, String body) {
        if (target.endsWith(".GetItem")) {
            return body.contains("\"DOCUMENT\"") ? DOCUMENT_ITEM : VERSION_ITEM;
        }
        return "{}";
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String clientName() {
        return "priming";
    }

    @Override
    public void close() {
    }
}
