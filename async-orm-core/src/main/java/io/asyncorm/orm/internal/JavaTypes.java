package io.asyncorm.orm.internal;

import io.asyncorm.exception.MappingError;
import io.asyncorm.sql.SqlType;
import io.asyncorm.sql.SqlTypes;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Lob;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Chooses the SQL type of a field, and the conversions between field values and column values. */
final class JavaTypes {

    /** A field's column type and its conversions. */
    record Binding(SqlType<?> sqlType, Function<@Nullable Object, @Nullable Object> toDatabase,
            Function<@Nullable Object, @Nullable Object> fromDatabase) {

        static Binding direct(SqlType<?> type) {
            return new Binding(type, Function.identity(), Function.identity());
        }
    }

    private static final Map<Class<?>, SqlType<?>> SIMPLE = Map.ofEntries(Map.entry(Integer.class, SqlTypes.INTEGER),
            Map.entry(Long.class, SqlTypes.BIGINT), Map.entry(Short.class, SqlTypes.SMALLINT),
            Map.entry(Boolean.class, SqlTypes.BOOLEAN), Map.entry(Double.class, SqlTypes.DOUBLE),
            Map.entry(Float.class, SqlTypes.REAL), Map.entry(LocalDate.class, SqlTypes.DATE),
            Map.entry(LocalTime.class, SqlTypes.TIME), Map.entry(LocalDateTime.class, SqlTypes.TIMESTAMP),
            Map.entry(OffsetDateTime.class, SqlTypes.TIMESTAMP_WITH_TIME_ZONE), Map.entry(UUID.class, SqlTypes.UUID_TYPE),
            Map.entry(byte[].class, SqlTypes.BYTES));

    private JavaTypes() {
    }

    static Binding of(Field field) {
        String where = field.getDeclaringClass().getName() + "." + field.getName();
        Convert convert = field.getAnnotation(Convert.class);
        if (convert != null && !convert.disableConversion()) {
            return converted(field, convert, where);
        }
        return forType(EntityMapping.boxed(field.getType()), field, where);
    }

    /**
     * The SQL type for a Java type, as used for foreign keys.
     *
     * @param type the key's Java type
     * @param where the attribute, for messages
     * @return the type
     */
    static SqlType<?> keyType(Class<?> type, String where) {
        if (type == String.class) {
            return SqlTypes.varchar(255);
        }
        SqlType<?> simple = SIMPLE.get(EntityMapping.boxed(type));
        if (simple == null) {
            throw new MappingError(where + ": a primary key of type " + type.getName() + " is not supported");
        }
        return simple;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Binding forType(Class<?> type, Field field, String where) {
        Column column = field.getAnnotation(Column.class);
        if (type == String.class) {
            if (field.isAnnotationPresent(Lob.class)) {
                return Binding.direct(SqlTypes.TEXT);
            }
            return Binding.direct(SqlTypes.varchar(column == null ? 255 : column.length()));
        }
        if (type == BigDecimal.class) {
            int precision = column == null || column.precision() == 0 ? 38 : column.precision();
            int scale = column == null || column.precision() == 0 ? 2 : column.scale();
            return Binding.direct(SqlTypes.numeric(precision, scale));
        }
        if (type.isEnum()) {
            Enumerated enumerated = field.getAnnotation(Enumerated.class);
            Class<? extends Enum> enumType = (Class<? extends Enum>) type;
            if (enumerated != null && enumerated.value() == EnumType.STRING) {
                int longest = 1;
                for (Enum constant : enumType.getEnumConstants()) {
                    longest = Math.max(longest, constant.name().length());
                }
                return Binding.direct(SqlTypes.enumOf((Class) enumType, Math.max(longest, column == null ? 32 : Math.min(column.length(), 255))));
            }
            if (enumerated != null && enumerated.value() != EnumType.ORDINAL) {
                throw new MappingError(where + ": @Enumerated(" + enumerated.value() + ") is not supported; use STRING or ORDINAL");
            }
            Enum[] constants = enumType.getEnumConstants();
            return new Binding(SqlTypes.INTEGER, value -> ((Enum<?>) value).ordinal(), value -> {
                int ordinal = ((Number) value).intValue();
                if (ordinal < 0 || ordinal >= constants.length) {
                    throw new io.asyncorm.exception.DataError(where + ": no " + type.getSimpleName() + " constant has ordinal " + ordinal, null, null, null);
                }
                return constants[ordinal];
            });
        }
        if (field.isAnnotationPresent(Enumerated.class)) {
            throw new MappingError(where + ": @Enumerated is only for enum fields");
        }
        SqlType<?> simple = SIMPLE.get(type);
        if (simple == null) {
            throw new MappingError(where + ": no column type for " + type.getName() + "; map it with @Convert and an "
                    + "AttributeConverter to a supported type, or mark it @Transient");
        }
        return Binding.direct(simple);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Binding converted(Field field, Convert convert, String where) {
        Class<?> converterClass = convert.converter();
        if (converterClass == AttributeConverter.class || !AttributeConverter.class.isAssignableFrom(converterClass)) {
            throw new MappingError(where + ": @Convert needs converter = a class implementing AttributeConverter");
        }
        if (!convert.attributeName().isEmpty()) {
            throw new MappingError(where + ": @Convert(attributeName) is for embeddables and maps; put @Convert on the field itself");
        }
        AttributeConverter converter;
        try {
            var constructor = converterClass.getDeclaredConstructor();
            constructor.setAccessible(true);
            converter = (AttributeConverter) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException ex) {
            throw new MappingError(where + ": cannot create converter " + converterClass.getName()
                    + " with its no-argument constructor: " + ex);
        }
        Class<?> databaseType = databaseType(converterClass, where);
        if (databaseType.isEnum()) {
            throw new MappingError(where + ": a converter must produce a basic column type, not the enum " + databaseType.getName());
        }
        Binding column = forType(databaseType, field, where);
        return new Binding(column.sqlType(), converter::convertToDatabaseColumn, converter::convertToEntityAttribute);
    }

    private static Class<?> databaseType(Class<?> converterClass, String where) {
        for (Class<?> c = converterClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type type : c.getGenericInterfaces()) {
                if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == AttributeConverter.class
                        && parameterized.getActualTypeArguments()[1] instanceof Class<?> database) {
                    return database;
                }
            }
        }
        throw new MappingError(where + ": cannot tell the database type of converter " + converterClass.getName()
                + "; implement AttributeConverter<X, Y> with concrete type arguments");
    }
}
