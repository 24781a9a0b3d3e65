package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The values given for an expanding IN parameter ({@link Column#inExpanding}): checked, and made into an array where bound as one. */
final class ExpandingValues {

    private ExpandingValues() {
    }

    /** The values of the parameter, which must be a collection of exactly {@code count} values. */
    static List<?> of(Object given, int count) {
        if (!(given instanceof Collection<?> values)) {
            throw new ArgumentError("An expanding IN parameter takes a collection of " + count + " values, not a "
                    + given.getClass().getName());
        }
        if (values.size() != count) {
            throw new ArgumentError("This expanding IN parameter was compiled for " + count + " values and was given " + values.size()
                    + "; build the statement with inExpanding(name, " + values.size() + ")");
        }
        return values instanceof List<?> list ? list : new ArrayList<>(values);
    }

    /** The values as one array of the column's Java type, for {@code column = ANY($1)}. */
    static Object[] array(List<?> values, Class<?> elementType) {
        @Nullable Object[] array = (Object[]) Array.newInstance(elementType, values.size());
        for (int i = 0; i < array.length; i++) {
            Object value = values.get(i);
            Object converted = InsertManyValues.convert(value, elementType);
            if (converted == null && value != null) {
                throw new ArgumentError("Value " + value + " (" + value.getClass().getName() + ") of an expanding IN parameter is not a "
                        + elementType.getSimpleName() + ", the type of the column it is compared with");
            }
            array[i] = converted;
        }
        return array;
    }
}
