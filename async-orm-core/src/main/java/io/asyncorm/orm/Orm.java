package io.asyncorm.orm;

import io.asyncorm.orm.mapping.LoaderStrategy;

/**
 * Static entry points of the ORM's statement language, meant for static import: entity queries and
 * loader options.
 *
 * <pre>{@code
 * import static io.asyncorm.orm.Orm.select;
 * import static io.asyncorm.orm.Orm.selectinload;
 *
 * session.scalars(select(A.class).where(A_.data.eq("x")).options(selectinload(A_.bs)));
 * }</pre>
 */
public final class Orm {

    private Orm() {
    }

    /**
     * A query returning entities of a class.
     *
     * @param type a mapped class
     * @param <T> the entity type
     * @return the statement
     * @throws io.asyncorm.exception.UnmappedClassError when no registry maps the class
     */
    public static <T> EntitySelect<T> select(Class<T> type) {
        return EntitySelect.of(type);
    }

    /**
     * Loads a relationship with one extra {@code SELECT ... WHERE key IN (...)} per query (500 keys
     * per statement), inside the same {@code execute}.
     *
     * @param attribute the relationship, from the metamodel ({@code A_.bs})
     * @return the option
     */
    public static LoaderOption selectinload(Attribute<?, ?> attribute) {
        return LoaderOption.of(attribute, LoaderStrategy.SELECTIN);
    }

    /**
     * Loads a relationship through a LEFT OUTER JOIN in the query itself.
     *
     * @param attribute the relationship
     * @return the option
     */
    public static LoaderOption joinedload(Attribute<?, ?> attribute) {
        return LoaderOption.of(attribute, LoaderStrategy.JOINED);
    }

    /**
     * Leaves a relationship unloaded; reading it throws {@link io.asyncorm.exception.ImplicitIoException}.
     *
     * @param attribute the relationship
     * @return the option
     */
    public static LoaderOption lazyload(Attribute<?, ?> attribute) {
        return LoaderOption.of(attribute, LoaderStrategy.LAZY);
    }

    /**
     * Same as {@link #lazyload(Attribute)}: async-orm never loads on access, so "raise" is the only lazy behaviour.
     *
     * @param attribute the relationship
     * @return the option
     */
    public static LoaderOption raiseload(Attribute<?, ?> attribute) {
        return LoaderOption.of(attribute, LoaderStrategy.RAISE);
    }

    /**
     * Leaves columns of the query's entity unloaded (SQLAlchemy's {@code defer}): the query selects {@code NULL} in
     * their place, the fields stay unset until {@code AsyncAttrs.fetch(entity, attribute)} loads them, and a flush
     * writes them only once the application sets them.
     *
     * @param attributes columns of the query's entity, not its key or version
     * @return the option
     */
    public static LoaderOption defer(ColumnAttribute<?, ?>... attributes) {
        return LoaderOption.columns(LoaderOption.ColumnLoad.DEFER, attributes);
    }

    /**
     * Loads columns the mapping defers ({@code @Basic(fetch = LAZY)}) or an earlier option deferred (SQLAlchemy's
     * {@code undefer}).
     *
     * @param attributes columns of the query's entity
     * @return the option
     */
    public static LoaderOption undefer(ColumnAttribute<?, ?>... attributes) {
        return LoaderOption.columns(LoaderOption.ColumnLoad.UNDEFER, attributes);
    }

    /**
     * Loads only these columns (and the key and version), deferring every other one (SQLAlchemy's {@code load_only}).
     *
     * @param attributes columns of the query's entity
     * @return the option
     */
    public static LoaderOption loadOnly(ColumnAttribute<?, ?>... attributes) {
        return LoaderOption.columns(LoaderOption.ColumnLoad.LOAD_ONLY, attributes);
    }

    /**
     * Never loads a relationship: a collection reads as empty and a reference as null.
     *
     * @param attribute the relationship
     * @return the option
     */
    public static LoaderOption noload(Attribute<?, ?> attribute) {
        return LoaderOption.of(attribute, LoaderStrategy.NOLOAD);
    }
}
