package io.asyncorm.orm.mapping;

import java.util.Objects;

/**
 * The identity of a persistent entity: its class and primary-key value. The identity map of a session
 * holds at most one object per key (SQLAlchemy's {@code identity_key}). For a composite key the value is
 * the immutable list of the key's parts in key-column order (SQLAlchemy's tuple), whatever key class the
 * entity declares.
 *
 * @param entityType the mapped class
 * @param id the primary-key value, or the list of a composite key's parts
 */
public record IdentityKey(Class<?> entityType, Object id) {

    /**
     * Creates a key.
     *
     * @param entityType the mapped class
     * @param id the primary-key value, not null
     */
    public IdentityKey {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return this.entityType.getSimpleName() + "[" + this.id + "]";
    }
}
