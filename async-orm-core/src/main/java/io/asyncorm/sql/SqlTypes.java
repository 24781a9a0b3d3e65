package io.asyncorm.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The standard column types, written in each dialect's DDL.
 *
 * <pre>{@code
 * Column.of("id", SqlTypes.BIGINT).primaryKey().identity();
 * Column.of("name", SqlTypes.varchar(50)).notNull();
 * }</pre>
 */
public final class SqlTypes {

    /** 32-bit integer. */
    public static final SqlType<Integer> INTEGER = new SqlType<>("INTEGER", Integer.class, "integer", Map.of());

    /** 64-bit integer. */
    public static final SqlType<Long> BIGINT = new SqlType<>("BIGINT", Long.class, "bigint", Map.of());

    /** 16-bit integer. */
    public static final SqlType<Short> SMALLINT = new SqlType<>("SMALLINT", Short.class, "smallint", Map.of());

    /** Unbounded text (varchar without length on H2, longtext on MariaDB). */
    public static final SqlType<String> TEXT = new SqlType<>("TEXT", String.class, "text",
            Map.of("h2", "varchar", "mariadb", "longtext"));

    /** True or false. */
    public static final SqlType<Boolean> BOOLEAN = new SqlType<>("BOOLEAN", Boolean.class, "boolean", Map.of());

    /** Double-precision floating point. */
    public static final SqlType<Double> DOUBLE = new SqlType<>("DOUBLE", Double.class, "double precision",
            Map.of("mariadb", "double"));

    /** Single-precision floating point. */
    public static final SqlType<Float> REAL = new SqlType<>("REAL", Float.class, "real", Map.of("mariadb", "float"));

    /** A calendar date. */
    public static final SqlType<LocalDate> DATE = new SqlType<>("DATE", LocalDate.class, "date", Map.of());

    /** A time of day. */
    public static final SqlType<LocalTime> TIME = new SqlType<>("TIME", LocalTime.class, "time", Map.of());

    /** A date and time without zone (microseconds on MariaDB). */
    public static final SqlType<LocalDateTime> TIMESTAMP = new SqlType<>("TIMESTAMP", LocalDateTime.class, "timestamp",
            Map.of("mariadb", "datetime(6)"));

    /** A date and time with offset; MariaDB has no such type and refuses it in DDL. */
    public static final SqlType<OffsetDateTime> TIMESTAMP_WITH_TIME_ZONE = new SqlType<>("TIMESTAMP WITH TIME ZONE",
            OffsetDateTime.class, "timestamp with time zone", Map.of("mariadb", ""));

    /** A UUID (MariaDB's driver returns text, which is parsed). */
    public static final SqlType<UUID> UUID_TYPE = new SqlType<>("UUID", UUID.class, "uuid", Map.of(), SqlType.IDENTITY,
            value -> value instanceof String text ? UUID.fromString(text) : value, Map.of());

    /** Binary data. */
    public static final SqlType<byte[]> BYTES = new SqlType<>("BYTES", byte[].class, "bytea",
            Map.of("h2", "varbinary", "mariadb", "longblob"));

    /**
     * JSON text: {@code jsonb} on PostgreSQL, {@code json} on H2 and MariaDB. Values are JSON documents as
     * {@code String}s, bound with the cast or format each database needs and read back as text.
     */
    public static final SqlType<String> JSON = new SqlType<>("JSON", String.class, "json", Map.of("postgresql", "jsonb"),
            SqlType.IDENTITY, SqlTypes::jsonText, Map.of("postgresql", "CAST(? AS jsonb)", "h2", "? FORMAT JSON"));

    private SqlTypes() {
    }

    /**
     * An enum stored by name in {@code varchar(length)}.
     *
     * @param type the enum class
     * @param length the column length; at least the longest constant name
     * @param <E> the enum type
     * @return the type
     */
    public static <E extends Enum<E>> SqlType<E> enumOf(Class<E> type, int length) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().length() > length) {
                throw new IllegalArgumentException("enum constant " + constant + " is longer than the column length " + length);
            }
        }
        return new SqlType<>("ENUM " + type.getSimpleName(), type, "varchar(" + length + ")", Map.of(),
                value -> value instanceof Enum<?> e ? e.name() : value,
                value -> type.isInstance(value) ? value : Enum.valueOf(type, value.toString()), Map.of());
    }

    private static Object jsonText(Object value) {
        if (value instanceof String) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        // r2dbc-postgresql returns a non-public subclass of its public io.r2dbc.postgresql.codec.Json,
        // whose asString() gives the text; look the method up on the public class.
        for (Class<?> type = value.getClass(); type != null; type = type.getSuperclass()) {
            if (java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                try {
                    return type.getMethod("asString").invoke(value);
                } catch (ReflectiveOperationException e) {
                    break;
                }
            }
        }
        return value.toString();
    }

    /**
     * Text of at most {@code length} characters.
     *
     * @param length at least 1
     * @return the type
     */
    public static SqlType<String> varchar(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("varchar length must be at least 1, got " + length);
        }
        return new SqlType<>("VARCHAR(" + length + ")", String.class, "varchar(" + length + ")", Map.of());
    }

    /**
     * An exact decimal number.
     *
     * @param precision total digits
     * @param scale digits after the point
     * @return the type
     */
    public static SqlType<BigDecimal> numeric(int precision, int scale) {
        if (precision < 1 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("numeric(" + precision + ", " + scale + ") is not a valid precision and scale");
        }
        String ddl = "numeric(" + precision + "," + scale + ")";
        return new SqlType<>(ddl.toUpperCase(java.util.Locale.ROOT), BigDecimal.class, ddl,
                Map.of("mariadb", "decimal(" + precision + "," + scale + ")"));
    }
}
