package io.asyncorm.orm;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.orm.internal.ColumnProperty;
import io.asyncorm.orm.internal.EntityMappings;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Ordering;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * A column attribute of the typed metamodel ({@code A_.data}): builds conditions and orderings on the
 * column it maps, {@code select(A.class).where(A_.data.eq("x")).orderBy(A_.id.asc())}. Values are
 * bound as parameters, never written into the SQL. {@link #column()} gives the Core column for
 * anything else. Resolved on first use, when a {@link Registry} has mapped the class.
 *
 * @param <E> the entity class
 * @param <T> the field type
 */
public final class ColumnAttribute<E, T> extends Attribute<E, T> {

    private volatile @Nullable Column<T> column;

    ColumnAttribute(Class<E> entityType, String name, Class<T> type) {
        super(entityType, name, type);
    }

    /**
     * The mapped column.
     *
     * @return the column of the entity's table
     * @throws io.asyncorm.exception.UnmappedClassError when no registry maps the class yet
     */
    @SuppressWarnings("unchecked")
    public Column<T> column() {
        Column<T> resolved = this.column;
        if (resolved == null) {
            ColumnProperty property = EntityMappings.of(entityType()).property(name());
            if (property == null) {
                throw new ArgumentError(this + " is not a column attribute of " + entityType().getName());
            }
            resolved = (Column<T>) property.column();
            this.column = resolved;
        }
        return resolved;
    }

    /**
     * {@code column = value}; a null value compares with IS NULL.
     *
     * @param value the value
     * @return the condition
     */
    public Expression<Boolean> eq(@Nullable Object value) {
        return column().eq(value);
    }

    /**
     * {@code column <> value}.
     *
     * @param value the value
     * @return the condition
     */
    public Expression<Boolean> ne(@Nullable Object value) {
        return column().ne(value);
    }

    /**
     * {@code column < value}.
     *
     * @param value the value
     * @return the condition
     */
    public Expression<Boolean> lt(Object value) {
        return column().lt(value);
    }

    /**
     * {@code column <= value}.
     *
     * @param value the value
     * @return the condition
     */
    public Expression<Boolean> le(Object value) {
        return column().le(value);
    }

    /**
     * {@code column > value}.
     *
     * @param value the value
     * @return the condition
     */
    public Expression<Boolean> gt(Object value) {
        return column().gt(value);
    }

    /**
     * {@code column >= value}.
     *
     * @param value the value
     * @return the condition
     */
    public Expression<Boolean> ge(Object value) {
        return column().ge(value);
    }

    /**
     * {@code column IN (...)}.
     *
     * @param values the values
     * @return the condition
     */
    public Expression<Boolean> in(Collection<?> values) {
        return column().in(values);
    }

    /**
     * {@code column IS NULL}.
     *
     * @return the condition
     */
    public Expression<Boolean> isNull() {
        return column().isNull();
    }

    /**
     * {@code column IS NOT NULL}.
     *
     * @return the condition
     */
    public Expression<Boolean> isNotNull() {
        return column().isNotNull();
    }

    /**
     * {@code column LIKE pattern}.
     *
     * @param pattern the pattern
     * @return the condition
     */
    public Expression<Boolean> like(String pattern) {
        return column().like(pattern);
    }

    /**
     * Ascending order on the column.
     *
     * @return the ordering
     */
    public Ordering asc() {
        return column().asc();
    }

    /**
     * Descending order on the column.
     *
     * @return the ordering
     */
    public Ordering desc() {
        return column().desc();
    }
}
