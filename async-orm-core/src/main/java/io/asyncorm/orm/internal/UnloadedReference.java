package io.asyncorm.orm.internal;

/**
 * Implemented by the placeholder a session puts in a lazy {@code @ManyToOne} field whose target it has
 * not loaded: a subclass of the target whose methods throw instead of loading.
 */
public interface UnloadedReference {

    /**
     * The primary-key value of the object the placeholder stands for.
     *
     * @return the key, as its identity key holds it: the id field's value, or the list of a composite key's parts
     */
    Object asyncOrmKey();
}
