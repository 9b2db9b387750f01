package io.toolcatalog.api.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.ConsumerView;
import java.util.Arrays;
import org.springframework.web.method.HandlerMethod;

/** The consumer headers, on every read that answers in the caller's view (takes a {@link ConsumerView}). */
final class ConsumerHeaders {

    private ConsumerHeaders() {}

    static Operation addWhereRead(Operation operation, HandlerMethod method) {
        boolean viewed =
                Arrays.stream(method.getMethodParameters()).anyMatch(p -> p.getParameterType() == ConsumerView.class);
        if (viewed) {
            operation.addParametersItem(new HeaderParameter()
                    .name(ConsumerIdentity.ID_HEADER)
                    .description("Who reads: its view (stable or a rollout's cohort) depends on it; the token's"
                            + " principal when absent; none → stable")
                    .schema(new StringSchema().pattern("[A-Za-z0-9._:@/-]{1,128}")));
            operation.addParametersItem(new HeaderParameter()
                    .name(ConsumerIdentity.LABELS_HEADER)
                    .description(
                            "The consumer's labels, k=v,k2=v2 (at most 16), which a rollout's cohort may select on")
                    .schema(new StringSchema()));
        }
        return operation;
    }
}
