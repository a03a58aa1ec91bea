package org.labelcrew.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Makes the OpenAPI document say what our records put on the wire, so that the browser's generated types
 * (web/src/api/openapi.json → openapi-typescript) are exact rather than "everything optional":
 * <ul>
 * <li>every record component is {@code required}: Jackson writes each one;</li>
 * <li>a component that may be null says so with JSpecify's {@code @Nullable} and becomes nullable
 * ({@code x: T | null}), and optional ({@code x?: T | null}) where {@code @JsonInclude(NON_NULL…)} leaves nulls out;
 * a primitive or an unmarked component is never null;</li>
 * <li>a {@code JsonNode} (label schemas, task data, results: free JSON) is any JSON value, not a bean;</li>
 * <li>two records with one simple name (every feature has its {@code Mine} or {@code Event}) fail the document
 * instead of one silently standing for the other.</li>
 * </ul>
 * springdoc picks up every {@link ModelConverter} bean.
 */
@Component
class OpenApiRecords implements ModelConverter {

    private final Map<String, Class<?>> names = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        JavaType javaType = Json.mapper().constructType(type.getType());
        Class<?> raw = javaType.getRawClass();
        if (tools.jackson.databind.JsonNode.class.isAssignableFrom(raw)) {
            return new Schema<>().description("any JSON value");
        }
        Schema resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (resolved == null || !raw.isRecord()) return resolved;
        Schema schema = resolved;
        if (resolved.get$ref() != null) { // a named model: its definition is in the context
            String ref = resolved.get$ref();
            schema = context.getDefinedModels().get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        String name = resolved.get$ref() != null ? resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1)
                : resolved.getName();
        Class<?> other = name == null ? null : names.putIfAbsent(name, raw);
        if (other != null && other != raw) {
            // springdoc would silently document one under the other's name (as /me/quality once showed academy's Mine)
            throw new IllegalStateException("Two API types are both named " + name + ": " + other.getName() + " and "
                    + raw.getName() + "; give one a @Schema(name = \"...\")");
        }
        if (schema == null || schema.getProperties() == null) return resolved;
        boolean skipsNulls = skipsNulls(raw.getAnnotation(JsonInclude.class));
        Map<String, Schema> properties = schema.getProperties();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : raw.getRecordComponents()) {
            Schema property = properties.get(component.getName());
            if (property == null) continue; // @JsonIgnore'd, or renamed: leave it as springdoc made it
            boolean nullable = !component.getType().isPrimitive()
                    && component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            boolean omittedWhenNull = skipsNulls || skipsNulls(component.getAccessor().getAnnotation(JsonInclude.class))
                    || skipsNulls(component.getAnnotation(JsonInclude.class));
            if (nullable) {
                properties.put(component.getName(), nullable(property));
                if (!omittedWhenNull) required.add(component.getName());
            } else {
                required.add(component.getName()); // never null, so written even where nulls are left out
            }
        }
        if (!required.isEmpty()) schema.setRequired(required);
        return resolved;
    }

    private static boolean skipsNulls(JsonInclude include) {
        return include != null && include.value() != JsonInclude.Include.ALWAYS
                && include.value() != JsonInclude.Include.USE_DEFAULTS;
    }

    /** OpenAPI 3.1: a reference or'ed with null, or the type list plus "null". */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property) {
        if (property.get$ref() != null) {
            return new Schema<>().anyOf(List.of(property, new Schema<>().types(Set.of("null"))));
        }
        Set<String> types = property.getTypes() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(property.getTypes());
        if (types.isEmpty()) return property; // any JSON value already admits null
        types.add("null");
        property.setTypes(types);
        return property;
    }
}
