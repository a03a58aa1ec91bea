package org.labelcrew.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import java.util.LinkedHashSet;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's front page (/api/docs): the page itself is public, its calls are not — it says so, and
 * offers "Authorize" with a personal token (issue 13: people tried calls and met 401s without a word why).
 */
@Configuration
class ApiDocsConfig {

    @Bean
    OpenAPI labelCrewApi() {
        return new OpenAPI()
                .info(new Info().title("LabelCrew API").version("v1").description("""
                        Every call except sign-in, sign-up and the academy's public cohort and course lists needs you \
                        signed in. From this page: sign in to LabelCrew in the same browser first (the session cookie \
                        is sent; unsafe methods also need the X-XSRF-TOKEN header), or press **Authorize** and paste a \
                        personal token from *My tokens* (`Authorization: Bearer lc_…`). Without either, calls answer \
                        401 (GET) or 403 (others). Errors are RFC 9457 problem details naming the field or line."""))
                .components(new Components().addSecuritySchemes("token", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("A personal API token (lc_…)"))
                        .addSchemas("FieldError", fieldError()).addSchemas("Problem", problem()))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }

    /**
     * The body of every error (RFC 9457, see ProblemHandler), documented once so that the browser's types say what
     * {@code errors[]} hold: the code and parameters it words a field's fault with (issue: every sentence in Korean and
     * English).
     */
    private static Schema<?> problem() {
        return new ObjectSchema().description("An error: RFC 9457 problem details (application/problem+json)")
                .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", nullable(new StringSchema().description("the detail's sentence for the browser: message code.<code>")))
                .addProperty("params", nullable(new ObjectSchema().description("the parameters of code")))
                .addProperty("retryAfterSeconds", new IntegerSchema().description("429 only: seconds to wait"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")))
                .required(List.of("type", "title", "status", "errors"));
    }

    private static Schema<?> fieldError() {
        return new ObjectSchema().description("One fault of a problem: a field path (result.topic, schema.fields[0].options) "
                        + "or a 1-based line")
                .addProperty("field", new StringSchema().description("the field path"))
                .addProperty("line", new IntegerSchema().description("the 1-based line"))
                .addProperty("message", new StringSchema().description("the fault in English (the fallback for a code the reader does not know)"))
                .addProperty("code", new StringSchema().description("the fault's sentence for the browser (lowerCamel.dotted): message code.<code>; "
                        + "left out when the fault has none"))
                .addProperty("params", new ObjectSchema().description("the parameters of code (present with code)"))
                .required(List.of("message"));
    }

    private static <T> Schema<T> nullable(Schema<T> schema) {
        schema.setTypes(new LinkedHashSet<>(List.of(schema.getType(), "null"))); // one order: the contract is compared as text
        return schema;
    }
}
