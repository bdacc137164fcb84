package com.orbiqhq.drafts.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Path;

/**
 * Checks a real response (status, headers, body) against the operation in {@code openapi.yaml}, so the spec and
 * the service cannot drift apart unnoticed.
 */
public final class OpenApiContract {
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of(System.getProperty("project.root", "."), "openapi.yaml").toString())
            // Only the spec's own additionalProperties rules apply; the validator would otherwise add its own.
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    private OpenApiContract() {
    }

    /** The spec's complaints about a response to {@code POST path}, empty when it conforms. */
    public static ValidationReport check(String path, APIGatewayProxyResponseEvent response) {
        SimpleResponse.Builder built = SimpleResponse.Builder.status(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(built::withHeader);
        }
        if (response.getBody() != null) {
            built.withBody(response.getBody());
        }
        return VALIDATOR.validateResponse(path, Request.Method.POST, built.build());
    }
}
