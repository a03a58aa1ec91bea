package org.labelcrew.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
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
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("A personal API token (lc_…)")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
