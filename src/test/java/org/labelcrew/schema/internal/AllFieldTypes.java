package org.labelcrew.schema.internal;

import java.util.List;
import org.labelcrew.schema.FieldType;

/** Every field type of the application, built without Spring, for unit tests of the schema rules. */
public final class AllFieldTypes {

    private AllFieldTypes() {
    }

    public static List<FieldType> all() {
        return List.of(new ChoiceField(), new TextField(), new SpansField(), new RelationsField(), new ExtractiveField(),
                new AbstractiveField(), new BoxesField(), new PolygonsField(), new KeypointsField(), new SegmentsField());
    }
}
