package io.asyncorm.orm.internal;

import io.asyncorm.orm.mapping.IdentityKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a session knows about one of its objects: its lifecycle status, its identity, the column values
 * last read from or written to the database (the snapshot dirty checking compares against), the
 * related objects last loaded or flushed, and which attributes are expired.
 */
public final class EntityState {

    /** The lifecycle of an object in a session, as SQLAlchemy names it. */
    public enum Status {
        /** Added, not flushed yet. */
        PENDING,
        /** Has a row: loaded, or flushed. */
        PERSISTENT,
        /** Marked for deletion; the DELETE runs at the next flush. */
        DELETED,
        /** Its DELETE was flushed; it leaves the session at commit. */
        DELETED_FLUSHED,
        /** Belongs to no session. */
        DETACHED
    }

    private final Object entity;

    private final EntityMapping<?> mapping;

    private Status status;

    private @Nullable IdentityKey key;

    private @Nullable Object @Nullable [] snapshot;

    private @Nullable Object @Nullable [] beforeTransaction;

    private boolean writtenInTransaction;

    /**
     * Values of columns no field maps; made on first use (most mappings have none). Until then they are null, or for an
     * object loaded from a row ({@link #hiddenFollowsSnapshot}) the snapshot's values: a loaded object's field-less
     * columns (a many-to-one's foreign key) hold what it read until a flush or refresh sets one apart.
     */
    private @Nullable Object @Nullable [] hidden;

    private boolean hiddenFollowsSnapshot;

    /** Expired attributes; made on first use (a loaded object has none). */
    private @Nullable Set<String> expired;

    /** Deferred columns not loaded yet; made on first use (most objects have none). */
    private @Nullable Set<String> unloaded;

    /**
     * The relationships as last loaded or flushed, as name/snapshot pairs (a reference's target, a collection's list of
     * elements); made on first use and sized for the mapping's relationships (a mapping has few, so a scan beats a map).
     */
    private @Nullable Object @Nullable [] relationshipSnapshots;

    /** The session's hold on this object; null once the object alone left it. */
    private @Nullable Tenure tenure;

    private boolean insertedInTransaction;

    private @Nullable Object generatedKey;

    EntityState(Object entity, EntityMapping<?> mapping, Status status, Tenure tenure) {
        this.entity = entity;
        this.mapping = mapping;
        this.status = status;
        this.tenure = tenure;
    }

    /** @return the object */
    public Object entity() {
        return this.entity;
    }

    /** @return the object's mapping */
    public EntityMapping<?> mapping() {
        return this.mapping;
    }

    /** @return the lifecycle status */
    public Status status() {
        Tenure held = this.tenure;
        return held == null || !held.ended ? this.status : Status.DETACHED;
    }

    void status(Status status) {
        this.status = status;
    }

    /** @return the identity, or null while pending */
    public @Nullable IdentityKey key() {
        return this.key;
    }

    void key(@Nullable IdentityKey key) {
        this.key = key;
    }

    /** @return the session owning the object, or null once detached */
    public @Nullable SyncLoader session() {
        Tenure held = this.tenure;
        return held == null || held.ended ? null : held.session;
    }

    /** Detaches this object alone (all of a session's objects leave at once when its {@link Tenure} ends). */
    void detach() {
        this.tenure = null;
        this.status = Status.DETACHED;
    }

    @Nullable Object @Nullable [] snapshot() {
        return this.snapshot;
    }

    void snapshot(@Nullable Object[] values) {
        this.snapshot = values;
    }

    /** Records the values an UPDATE wrote; the first time in a transaction, keeps the snapshot before it for a rollback. */
    void flushed(@Nullable Object[] values) {
        if (!this.writtenInTransaction) {
            this.writtenInTransaction = true;
            this.beforeTransaction = this.snapshot;
        }
        this.snapshot = values;
    }

    /** The row as the database holds it once the current transaction is rolled back, as far as the session knows. */
    @Nullable Object @Nullable [] snapshotBeforeTransaction() {
        return this.writtenInTransaction ? this.beforeTransaction : this.snapshot;
    }

    /** Forgets the transaction's first snapshot: at commit and rollback. */
    void transactionEnded() {
        this.writtenInTransaction = false;
        this.beforeTransaction = null;
    }

    /**
     * The value of a column no field maps (a one-to-many's join column), kept here.
     *
     * @param index the column index
     * @return the database value
     */
    @Nullable Object hidden(int index) {
        if (this.hidden != null) {
            return this.hidden[index];
        }
        return this.hiddenFollowsSnapshot && this.snapshot != null ? this.snapshot[index] : null;
    }

    void hidden(int index, @Nullable Object value) {
        if (this.hidden == null) {
            if (Objects.equals(value, hidden(index))) {
                return;
            }
            this.hidden = this.hiddenFollowsSnapshot && this.snapshot != null ? this.snapshot.clone()
                    : new Object[this.mapping.columns().size()];
        }
        this.hidden[index] = value;
    }

    /** Makes the field-less columns of an object loaded from a row hold the snapshot's values, with no copy of their own. */
    void hiddenFollowsSnapshot() {
        this.hiddenFollowsSnapshot = true;
    }

    /**
     * Whether an attribute is expired: its value is stale until the next load of the row, refresh or fetch.
     *
     * @param attribute the attribute
     * @return whether it is expired
     */
    public boolean isExpired(String attribute) {
        return this.expired != null && this.expired.contains(attribute);
    }

    /** @return whether any attribute is expired */
    boolean hasExpired() {
        return this.expired != null && !this.expired.isEmpty();
    }

    /**
     * Marks an attribute loaded again.
     *
     * @param attribute the attribute
     * @return whether it was expired
     */
    boolean unexpire(String attribute) {
        return this.expired != null && this.expired.remove(attribute);
    }

    /** @return the expired attributes, to change (made on first use) */
    Set<String> expired() {
        if (this.expired == null) {
            this.expired = new HashSet<>(4);
        }
        return this.expired;
    }

    /**
     * Whether a deferred column has not been loaded: its field holds nothing read from the row.
     *
     * @param attribute the attribute
     * @return whether it is unloaded
     */
    public boolean isUnloaded(String attribute) {
        return this.unloaded != null && this.unloaded.contains(attribute);
    }

    List<String> unloadedAttributes() {
        return this.unloaded == null || this.unloaded.isEmpty() ? List.of() : List.copyOf(this.unloaded);
    }

    /**
     * Marks a deferred column unloaded, or loaded.
     *
     * @param attribute the attribute
     * @param unloaded whether it is unloaded
     */
    public void unloaded(String attribute, boolean unloaded) {
        if (unloaded) {
            if (this.unloaded == null) {
                this.unloaded = new HashSet<>(2);
            }
            this.unloaded.add(attribute);
        } else if (this.unloaded != null) {
            this.unloaded.remove(attribute);
        }
    }

    @SuppressWarnings("unchecked")
    @Nullable List<Object> collectionSnapshot(String attribute) {
        int slot = slot(attribute);
        return slot < 0 ? null : (List<Object>) this.relationshipSnapshots[slot + 1];
    }

    /** Records a collection's elements as loaded or flushed; null forgets them (the collection is unloaded). */
    void collectionSnapshot(String attribute, @Nullable List<Object> elements) {
        if (elements != null) {
            put(attribute, elements);
            return;
        }
        int slot = slot(attribute);
        if (slot >= 0) {
            // The last pair takes the removed one's place, so the pairs stay packed at the front.
            @Nullable Object[] pairs = this.relationshipSnapshots;
            int last = slot;
            while (last + 2 < pairs.length && pairs[last + 2] != null) {
                last += 2;
            }
            pairs[slot] = pairs[last];
            pairs[slot + 1] = pairs[last + 1];
            pairs[last] = null;
            pairs[last + 1] = null;
        }
    }

    boolean hasReferenceSnapshot(String attribute) {
        return slot(attribute) >= 0;
    }

    @Nullable Object referenceSnapshot(String attribute) {
        int slot = slot(attribute);
        return slot < 0 ? null : this.relationshipSnapshots[slot + 1];
    }

    void referenceSnapshot(String attribute, @Nullable Object target) {
        put(attribute, target);
    }

    private void put(String attribute, @Nullable Object snapshot) {
        int slot = slot(attribute);
        if (slot >= 0) {
            this.relationshipSnapshots[slot + 1] = snapshot;
            return;
        }
        if (this.relationshipSnapshots == null) {
            this.relationshipSnapshots = new Object[2 * Math.max(1, this.mapping.relationshipList().size())];
        }
        int free = 0;
        while (free < this.relationshipSnapshots.length && this.relationshipSnapshots[free] != null) {
            free += 2;
        }
        if (free == this.relationshipSnapshots.length) {
            this.relationshipSnapshots = Arrays.copyOf(this.relationshipSnapshots, free * 2);
        }
        this.relationshipSnapshots[free] = attribute;
        this.relationshipSnapshots[free + 1] = snapshot;
    }

    /** The index of a relationship's name in the pairs, or -1. */
    private int slot(String attribute) {
        @Nullable Object[] pairs = this.relationshipSnapshots;
        if (pairs != null) {
            for (int i = 0; i < pairs.length && pairs[i] != null; i += 2) {
                // Names come from the mapping, so the same string object in practice: compared by reference first.
                if (attribute == pairs[i] || attribute.equals(pairs[i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    boolean insertedInTransaction() {
        return this.insertedInTransaction;
    }

    void insertedInTransaction(boolean inserted, @Nullable Object generatedKey) {
        this.insertedInTransaction = inserted;
        this.generatedKey = generatedKey;
    }

    @Nullable Object generatedKey() {
        return this.generatedKey;
    }

    /**
     * A session's hold on the objects it registered since it last let go of them all. Ending it detaches every one of them
     * at once: a session closing with thousands of objects writes nothing to each (their status reads the tenure).
     */
    static final class Tenure {

        private final @Nullable SyncLoader session;

        private boolean ended;

        Tenure(@Nullable SyncLoader session) {
            this.session = session;
        }

        /** Detaches every object of this tenure. */
        void end() {
            this.ended = true;
        }
    }

    @Override
    public String toString() {
        return this.mapping.entityType().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this.entity)) + " "
                + status() + (this.key == null ? "" : " " + this.key) + (this.snapshot == null ? "" : " " + Arrays.toString(this.snapshot));
    }

    /**
     * Puts an object's column fields back to a row's database values (the key excepted) and makes that row its
     * snapshot; many-to-one references follow the restored foreign keys (loaded ones from the identity map, else
     * placeholders). Other references keep their value, recorded as unchanged.
     */
    void restore(@Nullable Object @Nullable [] row, SessionState session) {
        if (row == null) {
            return;
        }
        List<ColumnProperty> columns = this.mapping.columns();
        for (int i = 0; i < row.length; i++) {
            ColumnProperty property = columns.get(i);
            if (property.field() == null) {
                hidden(i, row[i]);
            } else if (!property.isId()) {
                property.field().set(this.entity, property.fromDatabase(row[i]));
            }
        }
        snapshot(row);
        for (RelationshipProperty relationship : this.mapping.relationshipList()) {
            if (relationship.isCollection() || !hasReferenceSnapshot(relationship.name())) {
                continue;
            }
            if (relationship.direction() == RelationshipProperty.Direction.MANY_TO_ONE) {
                Relationships.installFromForeignKey(session, this, relationship);
            } else {
                referenceSnapshot(relationship.name(), relationship.field().get(this.entity));
            }
        }
    }
}
