package io.asyncorm.orm.internal;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.MappingError;
import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.orm.mapping.Mapper;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Select;
import io.asyncorm.sql.Sql;
import io.asyncorm.sql.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The immutable mapping of one entity class: its table, its column properties in table-column order,
 * its primary key and version, and its relationships. Built by {@link MappingBuilder}.
 *
 * @param <T> the entity class
 */
public final class EntityMapping<T> implements Mapper<T> {

    /**
     * A class's place in an inheritance hierarchy (single-table or JOINED).
     *
     * @param root the hierarchy's root class, the class of every identity key of the hierarchy
     * @param discriminatorColumn the column naming each row's class
     * @param value this class's value
     * @param classes the class of each value of the hierarchy
     * @param values the values of this class and its subclasses, which a query of this class reads
     */
    public record Hierarchy(Class<?> root, String discriminatorColumn, String value, Map<String, Class<?>> classes,
            List<String> values) {
    }

    private final Class<T> type;

    private final Table table;

    private final List<ColumnProperty> columns;

    private final PrimaryKey key;

    private final @Nullable ColumnProperty version;

    private final List<RelationshipProperty> relationships;

    private final Map<String, ColumnProperty> columnsByAttribute = new LinkedHashMap<>();

    private final Map<Column<?>, Integer> columnIndexes = new LinkedHashMap<>();

    private final Map<String, RelationshipProperty> relationshipsByName = new LinkedHashMap<>();

    private final @Nullable Supplier<Object> constructor;

    private final @Nullable Hierarchy hierarchy;

    private final String signature;

    private final LifecycleCallbacks callbacks;

    private final Set<String> deferred = new LinkedHashSet<>();

    private final List<MappedTable> layout;

    private final List<MappedTable> tables;

    private final Select loadSelect;

    EntityMapping(Class<T> type, Table table, List<ColumnProperty> columns, List<RelationshipProperty> relationships,
            @Nullable Supplier<Object> constructor, String signature, @Nullable Class<?> keyClass, List<FieldAccess> keyClassFields,
            @Nullable Hierarchy hierarchy, List<Table> layout, List<Table> own) {
        this.type = type;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.relationships = List.copyOf(relationships);
        this.constructor = constructor;
        this.hierarchy = hierarchy;
        this.signature = signature;
        this.callbacks = LifecycleCallbacks.of(type);
        boolean hasId = false;
        ColumnProperty versionProperty = null;
        for (int i = 0; i < this.columns.size(); i++) {
            ColumnProperty property = this.columns.get(i);
            this.columnIndexes.put(property.column(), i);
            if (property.field() != null) {
                this.columnsByAttribute.put(property.attribute(), property);
            }
            hasId |= property.isId();
            if (property.isDeferred()) {
                this.deferred.add(property.attribute());
            }
            if (property.isVersion()) {
                versionProperty = property;
            }
        }
        if (!hasId) {
            throw new MappingError(type.getName() + " has no @Id field");
        }
        this.key = new PrimaryKey(hierarchy == null ? type : hierarchy.root(), this.columns, keyClass, keyClassFields);
        this.version = versionProperty;
        this.relationships.forEach(r -> this.relationshipsByName.put(r.name(), r));
        List<MappedTable> mapped = new ArrayList<>();
        Select select = Sql.select(table);
        for (Table t : layout) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < this.columns.size(); i++) {
                if (this.columns.get(i).column().table() == t) {
                    indexes.add(i);
                }
            }
            MappedTable part = new MappedTable(t, t == table ? this.key.keyColumns() : t.primaryKey(), indexes);
            mapped.add(part);
            if (t != table) {
                // A JOINED hierarchy: every class's rows read through the root's table and an outer join of each other table.
                select = select.addColumns(t).outerJoin(t, KeyValues.join(part.keyColumns(), this.key.keyColumns()));
            }
        }
        this.layout = List.copyOf(mapped);
        this.tables = mapped.stream().filter(part -> own.contains(part.table())).toList();
        this.loadSelect = select;
    }

    /**
     * The SELECT of the class's columns in the order of {@link #columns()}: of its table, or for a JOINED hierarchy of the
     * root's table with every other table of the hierarchy outer-joined on the key.
     *
     * @return the statement, to which callers add WHERE and ORDER BY
     */
    public Select loadSelect() {
        return this.loadSelect;
    }

    /** @return the tables whose columns {@link #columns()} holds: one, or every table of a JOINED hierarchy, root first */
    public List<MappedTable> layout() {
        return this.layout;
    }

    /**
     * The table of the layout holding a column.
     *
     * @param column a column of {@link #columns()}
     * @return its table
     */
    public MappedTable tableOf(Column<?> column) {
        for (MappedTable part : this.layout) {
            if (part.table() == column.table()) {
                return part;
            }
        }
        throw new IllegalStateException(column + " is not a column of " + this.layout);
    }

    /** @return the tables a row of this class is written to, root first: one, or the JOINED tables from root to class */
    public List<MappedTable> tables() {
        return this.tables;
    }

    /**
     * The JPA lifecycle callbacks of the class.
     *
     * @return the callbacks; none for most classes
     */
    public LifecycleCallbacks callbacks() {
        return this.callbacks;
    }

    @Override
    public Class<T> entityType() {
        return this.type;
    }

    @Override
    public Table table() {
        return this.table;
    }

    @Override
    public List<String> columnAttributes() {
        return List.copyOf(this.columnsByAttribute.keySet());
    }

    @Override
    public Column<?> column(String attribute) {
        ColumnProperty property = this.columnsByAttribute.get(attribute);
        if (property == null) {
            throw new ArgumentError(this.type.getSimpleName() + " has no column attribute '" + attribute
                    + "'; its column attributes are " + this.columnsByAttribute.keySet()
                    + ". Check names that come from a request against this list (or mapper.columnAttributes()) before use.");
        }
        return property.column();
    }

    @Override
    public List<String> relationships() {
        return List.copyOf(this.relationshipsByName.keySet());
    }

    @Override
    public Optional<IdentityKey> identityOf(T entity) {
        return Optional.ofNullable(identity(entity));
    }

    /**
     * The identity of an instance, or null while its key is unset.
     *
     * @param entity the instance
     * @return the key or null
     */
    public @Nullable IdentityKey identity(Object entity) {
        return this.key.of(entity);
    }

    /**
     * An identity key for a key value given by a caller (see {@link PrimaryKey#identityFor}).
     *
     * @param id the value
     * @return the key
     */
    public IdentityKey identityFor(Object id) {
        return this.key.identityFor(id);
    }

    static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    /** @return the column properties in the table's column order */
    public List<ColumnProperty> columns() {
        return this.columns;
    }

    /** @return the attributes of the columns entity queries defer by default ({@code @Basic(fetch = LAZY)}) */
    public Set<String> deferredAttributes() {
        return Collections.unmodifiableSet(this.deferred);
    }

    /** @return the class's place in an inheritance hierarchy, or null */
    public @Nullable Hierarchy hierarchy() {
        return this.hierarchy;
    }

    /** @return the primary key, of one column or several */
    public PrimaryKey key() {
        return this.key;
    }

    /**
     * The primary-key column of a one-column key.
     *
     * @return the property
     * @throws IllegalStateException for a composite key, which callers must handle through {@link #key()}
     */
    public ColumnProperty id() {
        if (this.key.isComposite()) {
            throw new IllegalStateException(this.type.getName() + " has a composite key " + this.key.columns());
        }
        return this.key.columns().get(0);
    }

    /** @return the version property, or null */
    public @Nullable ColumnProperty version() {
        return this.version;
    }

    /** @return the relationships */
    public List<RelationshipProperty> relationshipList() {
        return this.relationships;
    }

    /**
     * A column property by attribute name.
     *
     * @param attribute the field name
     * @return the property or null
     */
    public @Nullable ColumnProperty property(String attribute) {
        return this.columnsByAttribute.get(attribute);
    }

    /**
     * The position of a column of this table in {@link #columns()}.
     *
     * @param column the column
     * @return the index
     */
    public int indexOf(Column<?> column) {
        Integer index = this.columnIndexes.get(column);
        if (index == null) {
            throw new IllegalStateException(column + " is not a column of " + this.table.name());
        }
        return index;
    }

    /**
     * The positions of columns of this table in {@link #columns()}.
     *
     * @param columns the columns
     * @return their indexes, in the same order
     */
    public int[] indexesOf(List<Column<?>> columns) {
        int[] indexes = new int[columns.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = indexOf(columns.get(i));
        }
        return indexes;
    }

    /**
     * A relationship by name.
     *
     * @param name the attribute name
     * @return the relationship or null
     */
    public @Nullable RelationshipProperty relationship(String name) {
        return this.relationshipsByName.get(name);
    }

    /**
     * Creates an empty instance through the no-argument constructor.
     *
     * @return the instance
     */
    public T newInstance() {
        if (this.constructor == null) {
            throw new InvalidRequestError(this.type.getName() + " is abstract: a row of its own class cannot be loaded; give each "
                    + "row the discriminator value of a concrete subclass");
        }
        try {
            return this.type.cast(this.constructor.get());
        } catch (RuntimeException | Error ex) {
            throw ex;
        } catch (Throwable ex) {
            throw new InvalidRequestError("The constructor of " + this.type.getName() + " failed: " + ex, ex);
        }
    }

    /**
     * A description of the table this mapping produces, used to tell whether two registries map a class
     * the same way.
     *
     * @return the description
     */
    String signature() {
        return this.signature;
    }

    @Override
    public String toString() {
        return "Mapper[" + this.type.getSimpleName() + " -> " + this.table.name() + "]";
    }
}
