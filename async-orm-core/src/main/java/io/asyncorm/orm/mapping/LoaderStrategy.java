package io.asyncorm.orm.mapping;

/**
 * How a relationship is loaded when a query returns its owner. None of them does I/O when the
 * relationship is read: an unloaded relationship throws {@link io.asyncorm.exception.ImplicitIoException}.
 */
public enum LoaderStrategy {
    /** One extra SELECT per relationship per query, {@code WHERE fk IN (...)} over the owners' keys. */
    SELECTIN,
    /** A LEFT OUTER JOIN in the owners' query; collections need {@code Result.unique()}. */
    JOINED,
    /** Not loaded by the query; load it with {@code AsyncAttrs.fetch} or {@code session.refresh}. */
    LAZY,
    /** The same as {@link #LAZY}: async-orm never loads on access, so every lazy relationship raises. */
    RAISE,
    /** Never loaded: a collection reads as empty and a reference as null; writes are still flushed. */
    NOLOAD
}
