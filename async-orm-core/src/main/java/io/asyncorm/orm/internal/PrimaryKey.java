package io.asyncorm.orm.internal;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.internal.ColumnProperty.Generation;
import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Sql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The primary key of a mapping: one column, or several (a composite key declared with {@code @IdClass}, several
 * {@code @Id} fields, or an {@code @EmbeddedId}). It turns keys between their three forms: the fields of an entity,
 * the values of a row (the database form, indexed like the mapping's columns), and the {@link IdentityKey} of the
 * identity map, whose value is the field value of a one-column key and an immutable list of field values in key-column
 * order for a composite key. It also writes the key's part of statements: the match of an UPDATE, DELETE or SELECT by
 * key, with one parameter per column.
 */
public final class PrimaryKey {

    private final Class<?> entityType;

    private final List<ColumnProperty> columns;

    private final List<Column<?>> keyColumns;

    private final int[] indexes;

    private final @Nullable ColumnProperty generated;

    private final @Nullable Class<?> keyClass;

    private final List<FieldAccess> keyClassFields;

    PrimaryKey(Class<?> entityType, List<ColumnProperty> all, @Nullable Class<?> keyClass, List<FieldAccess> keyClassFields) {
        this.entityType = entityType;
        List<ColumnProperty> keyColumns = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        ColumnProperty generatedColumn = null;
        for (int i = 0; i < all.size(); i++) {
            ColumnProperty property = all.get(i);
            if (property.isId()) {
                keyColumns.add(property);
                positions.add(i);
                if (property.generation() != Generation.NONE) {
                    generatedColumn = property;
                }
            }
        }
        this.columns = List.copyOf(keyColumns);
        this.keyColumns = this.columns.stream().<Column<?>>map(ColumnProperty::column).toList();
        this.indexes = positions.stream().mapToInt(Integer::intValue).toArray();
        this.generated = generatedColumn;
        this.keyClass = keyClass;
        this.keyClassFields = List.copyOf(keyClassFields);
    }

    /** @return whether the key has more than one column */
    public boolean isComposite() {
        return this.columns.size() > 1;
    }

    /** @return the key's column properties, in key order */
    public List<ColumnProperty> columns() {
        return this.columns;
    }

    /** @return the key's columns, in key order */
    public List<Column<?>> keyColumns() {
        return this.keyColumns;
    }

    /** @return the key column whose value is generated (IDENTITY, SEQUENCE or UUID), or null */
    public @Nullable ColumnProperty generated() {
        return this.generated;
    }

    /** @return the class of a composite key's value ({@code @IdClass} or the {@code @EmbeddedId} type), or null */
    public @Nullable Class<?> keyClass() {
        return this.keyClass;
    }

    /**
     * The identity of an instance, from its fields.
     *
     * @param entity the instance
     * @return the key, or null while a part of it is unset
     */
    public @Nullable IdentityKey of(Object entity) {
        if (this.columns.size() == 1) {
            Object value = this.columns.get(0).field().get(entity);
            return value == null ? null : new IdentityKey(this.entityType, value);
        }
        Object[] values = new Object[this.columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = this.columns.get(i).field().get(entity);
            if (values[i] == null) {
                return null;
            }
        }
        return new IdentityKey(this.entityType, List.of(values));
    }

    /**
     * The identity of a row.
     *
     * @param values the row's values in the database form, indexed like the mapping's columns
     * @param offset where the mapping's columns start in {@code values}
     * @return the key, or null when a key column is NULL (the outer side of a join that matched nothing)
     */
    public @Nullable IdentityKey ofRow(@Nullable Object[] values, int offset) {
        if (this.columns.size() == 1) {
            Object value = this.columns.get(0).fromDatabase(values[offset + this.indexes[0]]);
            return value == null ? null : new IdentityKey(this.entityType, value);
        }
        Object[] parts = new Object[this.columns.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = this.columns.get(i).fromDatabase(values[offset + this.indexes[i]]);
            if (parts[i] == null) {
                return null;
            }
        }
        return new IdentityKey(this.entityType, List.of(parts));
    }

    /**
     * The database form of a row's key, to compare keys of rows: the value of a one-column key, a list for a composite key.
     *
     * @param values the row's values, indexed like the mapping's columns
     * @return the key, or null when a part is NULL
     */
    public @Nullable Object rowKey(@Nullable Object[] values) {
        if (this.columns.size() == 1) {
            return values[this.indexes[0]];
        }
        Object[] parts = new Object[this.indexes.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = values[this.indexes[i]];
            if (parts[i] == null) {
                return null;
            }
        }
        return Arrays.asList(parts);
    }

    /**
     * The database form of an instance's key, as {@link #rowKey} gives it for its row.
     *
     * @param entity the instance
     * @return the key, or null when a part is unset
     */
    public @Nullable Object databaseKeyOf(Object entity) {
        Object[] parts = new Object[this.columns.size()];
        for (int i = 0; i < parts.length; i++) {
            Object value = this.columns.get(i).field().get(entity);
            if (value == null) {
                return null;
            }
            parts[i] = this.columns.get(i).toDatabase(value);
        }
        return parts.length == 1 ? parts[0] : Arrays.asList(parts);
    }

    /**
     * An identity key for a key a caller gives: for one column its value (numbers are converted to the field's type);
     * for a composite key an instance of the key class, or the values in key-column order as an array or a list.
     *
     * @param key the key
     * @return the identity key
     */
    public IdentityKey identityFor(Object key) {
        if (this.columns.size() == 1 && (this.keyClass == null || !this.keyClass.isInstance(key))) {
            return new IdentityKey(this.entityType, convert(this.columns.get(0), key));
        }
        List<?> parts = parts(key);
        Object[] values = new Object[this.columns.size()];
        for (int i = 0; i < values.length; i++) {
            Object part = parts.get(i);
            if (part == null) {
                throw new InvalidRequestError("The key of " + this.entityType.getSimpleName() + " has no value for "
                        + this.columns.get(i).attribute() + "; every part of a composite key is needed: " + describeParts());
            }
            values[i] = convert(this.columns.get(i), part);
        }
        return new IdentityKey(this.entityType, values.length == 1 ? values[0] : List.of(values));
    }

    private List<?> parts(Object key) {
        if (this.keyClass != null && this.keyClass.isInstance(key)) {
            List<@Nullable Object> values = new ArrayList<>();
            this.keyClassFields.forEach(field -> values.add(field.get(key)));
            return values;
        }
        List<?> values = key instanceof Object[] array ? Arrays.asList(array) : key instanceof List<?> list ? list : null;
        if (values == null || values.size() != this.columns.size()) {
            throw new InvalidRequestError("The key of " + this.entityType.getSimpleName() + " has " + this.columns.size()
                    + " parts; give " + (this.keyClass == null ? "" : "a " + this.keyClass.getSimpleName() + ", or ")
                    + "an array or list of " + describeParts() + ", got " + describe(key));
        }
        return values;
    }

    private String describeParts() {
        return this.columns.stream().map(c -> c.attribute() + " (" + EntityMapping.boxed(c.field().type()).getSimpleName() + ")").toList()
                .toString();
    }

    private static String describe(Object key) {
        return key instanceof Object[] array ? Arrays.toString(array) : key.getClass().getSimpleName() + " " + key;
    }

    private Object convert(ColumnProperty column, Object value) {
        Class<?> type = EntityMapping.boxed(column.field().type());
        if (type.isInstance(value)) {
            return value;
        }
        if (value instanceof Number number && Number.class.isAssignableFrom(type)) {
            return convertNumber(number, type);
        }
        String what = this.columns.size() == 1 ? "The primary key of " + this.entityType.getSimpleName()
                : "The key part " + column.attribute() + " of " + this.entityType.getSimpleName();
        throw new InvalidRequestError(what + " is a " + type.getSimpleName() + ", got " + value.getClass().getSimpleName() + " " + value);
    }

    private static Object convertNumber(Number number, Class<?> type) {
        if (type == Long.class) {
            return number.longValue();
        }
        if (type == Integer.class && number.longValue() == number.intValue()) {
            return number.intValue();
        }
        if (type == Short.class && number.longValue() == number.shortValue()) {
            return number.shortValue();
        }
        throw new InvalidRequestError("Cannot use " + number + " as a " + type.getSimpleName() + " primary key");
    }

    /**
     * The database values of an identity key, in key-column order.
     *
     * @param key the key
     * @return the values to bind
     */
    public Object[] databaseValues(IdentityKey key) {
        if (this.columns.size() == 1) {
            return new Object[] {this.columns.get(0).toDatabase(key.id())};
        }
        List<?> parts = (List<?>) key.id();
        Object[] values = new Object[parts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = this.columns.get(i).toDatabase(parts.get(i));
        }
        return values;
    }

    /**
     * The parameters that match a row by key: {@code parameter} for a one-column key, {@code parameter_0} ... for a
     * composite key, each with its column.
     *
     * @param parameter the parameter name (or prefix)
     * @return parameter name to column, in key order
     */
    public Map<String, Column<?>> match(String parameter) {
        return MappedTable.match(parameter, this.keyColumns);
    }

    /**
     * Puts the key of a row (its snapshot) into a statement's parameters, under the names {@link #match} gives.
     *
     * @param parameters the parameters of one row
     * @param parameter the parameter name (or prefix)
     * @param snapshot the row's values, indexed like the mapping's columns
     */
    public void bind(Map<String, @Nullable Object> parameters, String parameter, @Nullable Object[] snapshot) {
        if (this.columns.size() == 1) {
            parameters.put(parameter, snapshot[this.indexes[0]]);
            return;
        }
        for (int i = 0; i < this.indexes.length; i++) {
            parameters.put(parameter + "_" + i, snapshot[this.indexes[i]]);
        }
    }

    /**
     * Puts the database values of an identity key into a statement's parameters, under the names {@link #match} gives.
     *
     * @param parameters the parameters
     * @param parameter the parameter name (or prefix)
     * @param key the key
     */
    public void bind(Map<String, @Nullable Object> parameters, String parameter, IdentityKey key) {
        Object[] values = databaseValues(key);
        if (values.length == 1) {
            parameters.put(parameter, values[0]);
            return;
        }
        for (int i = 0; i < values.length; i++) {
            parameters.put(parameter + "_" + i, values[i]);
        }
    }

    /**
     * The condition "this row's key equals the parameters", each parameter typed by its column.
     *
     * @param parameter the parameter name (or prefix)
     * @return the condition
     */
    public Expression<Boolean> equalsParameters(String parameter) {
        return MappedTable.equalsParameters(parameter, this.keyColumns);
    }

    /**
     * The condition "this row's key is this identity key", with the key's values bound.
     *
     * @param key the key
     * @return the condition
     */
    public Expression<Boolean> equalsKey(IdentityKey key) {
        Object[] values = databaseValues(key);
        List<Expression<Boolean>> terms = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            terms.add(this.columns.get(i).column().eq(values[i]));
        }
        return terms.size() == 1 ? terms.get(0) : Sql.and(terms);
    }

    /**
     * The condition "this row's key is one of these", for keys in the database form of {@link #rowKey}.
     *
     * @param keys the keys
     * @return the condition
     */
    public Expression<Boolean> in(List<?> keys) {
        return KeyValues.in(this.keyColumns, keys);
    }

    /**
     * The identity key of a key in the database form of {@link #rowKey}.
     *
     * @param key the key
     * @return the identity key
     */
    public IdentityKey identityOfRowKey(Object key) {
        if (this.columns.size() == 1) {
            return new IdentityKey(this.entityType, this.columns.get(0).fromDatabase(key));
        }
        List<?> parts = (List<?>) key;
        Object[] values = new Object[parts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = this.columns.get(i).fromDatabase(parts.get(i));
        }
        return new IdentityKey(this.entityType, List.of(values));
    }

    /**
     * The database form of {@link #rowKey} for the value of an identity key (what a placeholder holds).
     *
     * @param id the identity key's value
     * @return the key
     */
    public Object rowKeyOfIdentity(Object id) {
        Object[] values = databaseValues(new IdentityKey(this.entityType, id));
        return values.length == 1 ? values[0] : Arrays.asList(values);
    }
}
