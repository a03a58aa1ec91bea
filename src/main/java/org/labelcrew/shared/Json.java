package org.labelcrew.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * jsonb goes into PostgreSQL as text cast with {@code ?::jsonb} and comes back as text (the driver's PGobject would
 * otherwise leak into the code); this is the one place that turns it into trees and back.
 */
@Component
public class Json {

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    public JsonNode parse(String text) {
        return text == null ? null : mapper.readTree(text);
    }

    public JsonNode column(ResultSet rs, String column) throws SQLException {
        return parse(rs.getString(column));
    }

    public <T> T convert(JsonNode node, Class<T> type) {
        return mapper.treeToValue(node, type);
    }

    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
