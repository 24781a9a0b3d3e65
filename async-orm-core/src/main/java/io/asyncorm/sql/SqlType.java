package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A column type: the Java type values are read and bound as, and the DDL type name per dialect.
 * Immutable; the common types are in {@link SqlTypes}.
 *
 * @param <T> the Java type of values
 */
public final class SqlType<T> {

    private final String name;

    private final Class<T> javaType;

    private final String ddl;

    private final Map<String, String> ddlByDialect;

    SqlType(String name, Class<T> javaType, String ddl, Map<String, String> ddlByDialect) {
        this.name = name;
        this.javaType = javaType;
        this.ddl = ddl;
        this.ddlByDialect = Map.copyOf(ddlByDialect);
    }

    /**
     * A custom type, for a database type {@link SqlTypes} does not cover.
     *
     * @param javaType the Java type the driver reads and binds
     * @param ddl the type as written in CREATE TABLE, on every dialect
     * @param <T> the Java type
     * @return the type
     */
    public static <T> SqlType<T> custom(Class<T> javaType, String ddl) {
        return new SqlType<>(ddl, javaType, ddl, Map.of());
    }

    /**
     * The Java type of values.
     *
     * @return the class
     */
    public Class<T> javaType() {
        return this.javaType;
    }

    /**
     * The type as written in CREATE TABLE for a dialect.
     *
     * @param dialect the dialect
     * @return the DDL type
     * @throws ArgumentError when the dialect has no such type
     */
    public String ddl(Dialect dialect) {
        String specific = this.ddlByDialect.get(dialect.name());
        if (specific == null) {
            return this.ddl;
        }
        if (specific.isEmpty()) {
            throw new ArgumentError("The " + dialect.name() + " dialect has no " + this.name + " type");
        }
        return specific;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SqlType<?> type && this.javaType == type.javaType && this.ddl.equals(type.ddl)
                && this.ddlByDialect.equals(type.ddlByDialect);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.javaType, this.ddl, this.ddlByDialect);
    }

    @Override
    public String toString() {
        return this.name;
    }
}
