package io.asyncorm.orm.mapping;

import java.util.Objects;

/**
 * The identity of a persistent entity: its class and primary-key value. The identity map of a session
 * holds at most one object per key (SQLAlchemy's {@code identity_key}).
 *
 * @param entityType the mapped class
 * @param id the primary-key value
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
