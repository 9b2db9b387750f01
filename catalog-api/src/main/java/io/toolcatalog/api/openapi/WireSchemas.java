package io.toolcatalog.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.media.Schema;
import io.toolcatalog.core.naming.LowerCaseName;
import java.util.ArrayList;
import java.util.List;

/**
 * Schemas as the API writes its JSON: built with the application's {@link ObjectMapper}, so fields
 * carry its snake_case names, and an enum named by {@link LowerCaseName} lists the names it is
 * written with (the generator looks for {@code @JsonValue} on the enum's own methods only).
 */
final class WireSchemas extends ModelResolver {

    WireSchemas(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Schema _createSchemaForEnum(Class<Enum<?>> type) {
        Schema schema = super._createSchemaForEnum(type);
        if (LowerCaseName.class.isAssignableFrom(type)) {
            List<Object> values = new ArrayList<>();
            for (Enum<?> constant : type.getEnumConstants()) {
                values.add(((LowerCaseName) constant).value());
            }
            schema.setEnum(values);
        }
        return schema;
    }
}
