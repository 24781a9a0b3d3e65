package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A column type: the Java type values are read and bound as, and the DDL type name per dialect.
 * Immutable; the common types are in {@link SqlTypes}.
 *
 * @param <T> the Java type of values
 */
public final class SqlType<T> {

    static final Function<Object, Object> IDENTITY = value -> value;

    private final String name;

    private final Class<T> javaType;

    private final String ddl;

    private final Map<String, String> ddlByDialect;

    private final Function<Object, Object> toDriver;

    private final Function<Object, Object> fromDriver;

    private final Map<String, String> markerByDialect;

    private final int hash;

    SqlType(String name, Class<T> javaType, String ddl, Map<String, String> ddlByDialect) {
        this(name, javaType, ddl, ddlByDialect, IDENTITY, IDENTITY, Map.of());
    }

    SqlType(String name, Class<T> javaType, String ddl, Map<String, String> ddlByDialect, Function<Object, Object> toDriver,
            Function<Object, Object> fromDriver, Map<String, String> markerByDialect) {
        this.name = name;
        this.javaType = javaType;
        this.ddl = ddl;
        this.ddlByDialect = Map.copyOf(ddlByDialect);
        this.toDriver = toDriver;
        this.fromDriver = fromDriver;
        this.markerByDialect = Map.copyOf(markerByDialect);
        this.hash = Objects.hash(javaType, ddl, this.ddlByDialect);
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

    /**
     * A value as the driver binds it (an enum by its name; most values unchanged).
     *
     * @param value a non-null value of this type
     * @return the value to bind
     */
    public Object toDriver(Object value) {
        return this.toDriver.apply(value);
    }

    /**
     * A value as read from the driver, turned into this type's Java type where the driver does not do
     * it (an enum from its name, JSON from the driver's own type).
     *
     * @param value the value the driver returned, or null
     * @return the value for {@link #javaType()}, or null
     */
    public @Nullable Object fromDriver(@Nullable Object value) {
        // Most types take the driver's value as it is: no call through the (megamorphic) function for them.
        return value == null || this.fromDriver == IDENTITY ? value : this.fromDriver.apply(value);
    }

    /**
     * The converter of one marker of an expanding IN list: element {@code index} of the collection given for the
     * parameter, converted as this type converts its values.
     */
    SqlType<Object> element(int index, int count) {
        return new SqlType<>(this.name, Object.class, this.ddl, this.ddlByDialect, collection -> {
            Object value = ExpandingValues.of(collection, count).get(index);
            return value == null ? null : this.toDriver.apply(value);
        }, IDENTITY, this.markerByDialect);
    }

    /** The converter of an expanding parameter bound as one array of {@code elementType} (PostgreSQL's {@code = ANY($1)}). */
    SqlType<Object> array(Class<?> elementType, int count) {
        return new SqlType<>(this.name, Object.class, this.ddl, this.ddlByDialect,
                collection -> ExpandingValues.array(ExpandingValues.of(collection, count), elementType), IDENTITY, Map.of());
    }

    /** Whether values bind as they are, with a plain marker (so they can travel in an array). */
    boolean isPlain() {
        return this.toDriver == IDENTITY && this.markerByDialect.isEmpty();
    }

    /** Whether values need converting before binding. */
    boolean convertsToDriver() {
        return this.toDriver != IDENTITY;
    }

    /** The bind marker as written for this type, for example {@code CAST($1 AS jsonb)}. */
    String marker(Dialect dialect, String marker) {
        String template = this.markerByDialect.get(dialect.name());
        return template == null ? marker : template.replace("?", marker);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SqlType<?> type && this.javaType == type.javaType && this.ddl.equals(type.ddl)
                && this.ddlByDialect.equals(type.ddlByDialect);
    }

    @Override
    public int hashCode() {
        return this.hash;
    }

    @Override
    public String toString() {
        return this.name;
    }
}
