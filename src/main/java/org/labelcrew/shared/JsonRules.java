package org.labelcrew.shared;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * How every JSON document is read, request bodies and imported lines alike: a key given twice in one object is an
 * error ({"topic": "a", "topic": "b"} used to keep the last silently), reported with the key's path.
 */
@Configuration(proxyBeanMethods = false)
class JsonRules {

    @Bean
    JsonMapperBuilderCustomizer strictDuplicateKeys() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
