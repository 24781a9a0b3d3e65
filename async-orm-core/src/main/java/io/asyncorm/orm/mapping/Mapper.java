package io.asyncorm.orm.mapping;

import io.asyncorm.sql.Column;
import io.asyncorm.sql.Table;
import java.util.List;

/**
 * How one entity class maps to its table: built by {@code io.asyncorm.orm.Registry.of(Class...)} from the class's
 * Jakarta Persistence annotations, immutable, safe for concurrent use.
 *
 * @param <T> the entity class
 */
public interface Mapper<T> {

    /**
     * The mapped class.
     *
     * @return the class
     */
    Class<T> entityType();

    /**
     * The table, usable in Core statements ({@code Sql.select(mapper.table())}). For a class of an inheritance hierarchy
     * it is the root's table, which holds the key and the discriminator; in a JOINED hierarchy a subclass's own columns
     * are in its own table, reached through {@link #column(String)}.
     *
     * @return the table
     */
    Table table();

    /**
     * The names of the attributes mapped to columns, in column order.
     *
     * @return an immutable list
     */
    List<String> columnAttributes();

    /**
     * The column an attribute maps to, by the attribute's name: for statements built from names that come from
     * outside, such as a request's sort key or filter field ({@code select(Book.class).orderBy(mapper.column(sort).asc())}).
     * The name is looked up in the mapping, never put into SQL, so it cannot carry SQL.
     *
     * @param attribute the attribute (field) name, one of {@link #columnAttributes()}
     * @return the column, usable in Core and ORM statements
     * @throws io.asyncorm.exception.ArgumentError when the class maps no such attribute; the message lists those it maps
     */
    Column<?> column(String attribute);

    /**
     * The names of the relationship attributes.
     *
     * @return an immutable list
     */
    List<String> relationships();

    /**
     * The identity of an entity: its primary-key value.
     *
     * @param entity an instance of the mapped class
     * @return the key, absent while the entity has no primary-key value yet
     */
    java.util.Optional<IdentityKey> identityOf(T entity);
}
