package io.asyncorm.sql;

import org.jspecify.annotations.Nullable;

/**
 * A bound parameter: a value given when the statement is built, or a named placeholder
 * ({@link Sql#bindparam(String)}) whose value comes from the parameters of {@code execute}. A named
 * parameter can be used several times in one statement.
 *
 * @param <T> the Java type of the value
 */
public final class BindParam<T> extends Expression<T> {

    private final @Nullable String name;

    private final @Nullable Object value;

    private final boolean hasValue;

    private final Class<T> type;

    private final @Nullable SqlType<?> sqlType;

    BindParam(@Nullable String name, @Nullable Object value, boolean hasValue, Class<T> type) {
        this(name, value, hasValue, type, null);
    }

    BindParam(@Nullable String name, @Nullable Object value, boolean hasValue, Class<T> type, @Nullable SqlType<?> sqlType) {
        this.name = name;
        this.value = value;
        this.hasValue = hasValue;
        this.type = type;
        this.sqlType = sqlType;
    }

    @Override
    public Class<T> javaType() {
        return this.type;
    }

    @Override
    void render(SqlCompiler compiler) {
        compiler.bind(this.name, this.hasValue, this.value, this.sqlType);
    }

    /** The element classes an array parameter may hold: those every driver that binds arrays maps to a SQL array. */
    private static final java.util.Set<Class<?>> ARRAY_ELEMENTS = java.util.Set.of(Long.class, Integer.class, Short.class, String.class,
            java.util.UUID.class);

    /**
     * The values of bind parameters as one array, or null when one value or none is given or an array cannot carry them:
     * a value not given yet, a
     * null, values of different classes or of a class outside {@link #ARRAY_ELEMENTS}, a column type that converts
     * values or wraps its marker.
     */
    static @Nullable Object array(java.util.List<Expression<?>> values, io.asyncorm.dialect.Dialect dialect) {
        Class<?> elementType = null;
        for (Expression<?> expression : values) {
            if (!(expression instanceof BindParam<?> param) || !param.hasValue || param.value == null
                    || (param.sqlType != null && (param.sqlType.convertsToDriver() || !param.sqlType.marker(dialect, "?").equals("?")))) {
                return null;
            }
            Class<?> type = param.value.getClass();
            if (elementType == null ? !ARRAY_ELEMENTS.contains(type) : type != elementType) {
                return null;
            }
            elementType = type;
        }
        if (elementType == null || values.size() < 2) {
            return null;
        }
        Object[] array = (Object[]) java.lang.reflect.Array.newInstance(elementType, values.size());
        for (int i = 0; i < array.length; i++) {
            array[i] = ((BindParam<?>) values.get(i)).value;
        }
        return array;
    }

    @Override
    public String toString() {
        return this.name != null ? ":" + this.name : "?";
    }
}
