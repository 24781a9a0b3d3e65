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

    @Override
    public String toString() {
        return this.name != null ? ":" + this.name : "?";
    }
}
