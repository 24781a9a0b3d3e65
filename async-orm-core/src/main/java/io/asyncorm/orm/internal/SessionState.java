package io.asyncorm.orm.internal;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.internal.EntityState.Status;
import io.asyncorm.orm.mapping.IdentityKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The objects of one session: the identity map (one object per primary key), the state of every
 * pending, persistent and deleted object, and the in-memory lifecycle operations (add with its
 * save-update cascade, delete marks, expunge, expire, and what commit and rollback do to objects).
 * Its methods are synchronized (on this object): a streamed result turns rows into objects on the thread that
 * delivers them, ahead of the reader, while the application may expunge or add objects on another thread. The
 * session is still not safe for concurrent operations.
 */
public final class SessionState {

    private final SyncLoader session;

    private final Function<Class<?>, EntityMapping<?>> mappings;

    /** The smallest result {@link #reserve} makes room for. */
    private static final int RESERVE_FROM = 64;

    private Map<IdentityKey, EntityState> identityMap = new LinkedHashMap<>();

    /** The hold on the objects registered since the last {@link #expungeAll}, which ends it. */
    private EntityState.Tenure tenure;

    private @Nullable List<Object> newlyLoaded;

    /**
     * Object to state, for lookups by object. Kept up to date lazily ({@link #index()}): the first {@link #indexed} states
     * of {@link #order} are in it, the rest are added at the next lookup by object. Loading thousands of objects then costs
     * no identity hash per object (a runtime call for an object not hashed before) unless one of them is looked up.
     */
    // Sized for the common unit of work (a few objects), not IdentityHashMap's default of 21; it grows as needed.
    private Map<Object, EntityState> index = new IdentityHashMap<>(4);

    /** How many states of {@link #order} the index holds (or held, until they left). */
    private int indexed;

    /**
     * Every state registered, in the order the session met the objects. A state whose object left the session is
     * detached and skipped (and dropped once such states outnumber the others).
     */
    private ArrayList<EntityState> order = new ArrayList<>();

    /** How many objects the maps were last made to hold ({@link #reserve}). */
    private int reserved;

    /**
     * Creates the state of a session.
     *
     * @param session the owning session's loader (what loads an attribute on access inside its runSync block), recorded in each object's state
     * @param mappings the mapping of a class; throws for a class the session's registry does not map
     */
    public SessionState(SyncLoader session, Function<Class<?>, EntityMapping<?>> mappings) {
        this.session = session;
        this.mappings = mappings;
        this.tenure = new EntityState.Tenure(session);
    }

    /**
     * The mapping of an object's class.
     *
     * @param entity an entity
     * @return its mapping
     */
    public synchronized EntityMapping<?> mapping(Object entity) {
        return this.mappings.apply(entity.getClass());
    }

    /**
     * The mapping of a class.
     *
     * @param type an entity class
     * @return its mapping
     */
    public synchronized EntityMapping<?> mapping(Class<?> type) {
        return this.mappings.apply(type);
    }

    /**
     * The state of an object of this session.
     *
     * @param entity the object
     * @return the state, or null when the object is not in this session
     */
    public synchronized @Nullable EntityState stateOf(Object entity) {
        return find(entity);
    }

    /**
     * An object's state: the oldest state not indexed yet when it is the object's, else from the index. A stream hands
     * its objects out in the order it made them, so the object a consumer looks up or expunges next is that one: found by
     * reference, it is never hashed into the index (an identity hash is a runtime call for an object not hashed before,
     * and the index would grow by a batch of objects and shrink by one per row).
     */
    private @Nullable EntityState find(Object entity) {
        if (this.indexed < this.order.size()) {
            EntityState next = this.order.get(this.indexed);
            if (next.entity() == entity && next.status() != Status.DETACHED) {
                return next;
            }
        }
        return index().get(entity);
    }

    /** The object-to-state index, with the states registered since the last lookup added. */
    private Map<Object, EntityState> index() {
        ArrayList<EntityState> order = this.order;
        for (int i = this.indexed; i < order.size(); i++) {
            EntityState state = order.get(i);
            if (state.status() != Status.DETACHED) {
                this.index.put(state.entity(), state);
            }
        }
        this.indexed = order.size();
        return this.index;
    }

    /** @return the objects in the index and the states kept in meeting order (for tests of the bookkeeping) */
    synchronized int[] bookkeeping() {
        return new int[] {this.index.size(), this.order.size()};
    }

    /** How many objects the session holds, without bringing the index up to date. */
    private int size() {
        return this.index.size() + this.order.size() - this.indexed;
    }

    /**
     * The persistent object with a key, if this session has it.
     *
     * @param key the identity
     * @return the object or null
     */
    public synchronized @Nullable Object get(IdentityKey key) {
        EntityState state = stateAt(key);
        return state == null ? null : state.entity();
    }

    /**
     * The state of the persistent object with a key, if this session has it.
     *
     * @param key the identity
     * @return the object's state or null
     */
    public synchronized @Nullable EntityState stateAt(IdentityKey key) {
        return this.identityMap.get(key);
    }

    /**
     * Adds an object and, following its loaded relationships, every object it reaches that is in no
     * session yet (SQLAlchemy's save-update cascade). A deleted object is un-deleted.
     *
     * @param entity the object
     */
    public synchronized void add(Object entity) {
        addAll(List.of(entity));
    }

    /**
     * Adds objects, as {@link #add(Object)}, in one traversal.
     *
     * @param entities the objects
     */
    public synchronized void addAll(Iterable<?> entities) {
        Deque<Object> work = new ArrayDeque<>();
        entities.forEach(work::addLast);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>(work.size() * 2));
        while (!work.isEmpty()) {
            Object next = work.pollFirst();
            if (!seen.add(next)) {
                continue;
            }
            EntityState state = attach(next);
            for (RelationshipProperty relationship : state.mapping().relationshipList()) {
                for (Object related : Relationships.related(next, relationship)) {
                    EntityState relatedState = index().get(related);
                    if (relatedState == null || relatedState.status() == Status.PENDING || relatedState.status() == Status.PERSISTENT) {
                        work.addLast(related);
                    }
                }
            }
        }
    }

    private EntityState attach(Object entity) {
        EntityState state = index().get(entity);
        if (state != null) {
            if (state.status() == Status.DELETED) {
                state.status(Status.PERSISTENT);
            }
            return state;
        }
        EntityMapping<?> mapping = mapping(entity);
        state = new EntityState(entity, mapping, Status.PENDING, this.tenure);
        for (RelationshipProperty relationship : mapping.relationshipList()) {
            if (relationship.isCollection() && relationship.field().get(entity) == null) {
                // Never assigned: unloaded, as SQLAlchemy leaves it. While the object is pending, fetching it gives an
                // empty collection without SQL; once flushed, fetching loads it (rows may reference the new object).
                Relationships.unload(state, relationship);
            }
        }
        register(state);
        return state;
    }

    /**
     * Makes room for objects about to be loaded from a result's rows: the identity map is made at the size they need
     * (instead of doubling as they arrive), the list of states grows once. Small results grow them as they go; room is
     * reserved at least twice over, so a session loading many results does this a logarithmic number of times.
     *
     * @param rows the rows about to become objects
     */
    public synchronized void reserve(int rows) {
        int needed = size() + rows;
        if (rows < RESERVE_FROM || needed <= this.reserved) {
            return;
        }
        // The object index is left to grow when it is read (most loaded objects are never looked up by object). A map that
        // holds objects is copied into a bigger one only when it would otherwise double more than once on the way: each
        // doubling moves every entry, a copy makes one new entry per object.
        int room = Math.max(needed, 2 * size());
        if (this.identityMap.isEmpty() || needed > 2 * Math.max(size(), this.reserved)) {
            Map<IdentityKey, EntityState> bigger = new LinkedHashMap<>((int) (room / 0.75f) + 1);
            bigger.putAll(this.identityMap);
            this.identityMap = bigger;
        }
        this.order.ensureCapacity(this.order.size() + rows);
        this.reserved = room;
    }

    /**
     * The object a row with a key stands for: the session's own when it has one, otherwise a new instance of the row's
     * class, registered as persistent with the row's values as its snapshot (its fields are the caller's to set). One
     * lookup under one lock for both cases; the caller tells a new object by its snapshot, which is {@code values} itself.
     *
     * @param mapping the mapping the row was selected as
     * @param key the row's identity
     * @param values the row's column values, in the mapping's column order
     * @return the existing object's state, or the new one's
     */
    public synchronized EntityState loaded(EntityMapping<?> mapping, IdentityKey key, @Nullable Object[] values) {
        EntityState existing = this.identityMap.get(key);
        if (existing != null) {
            return existing;
        }
        EntityMapping<?> concrete = mapping.hierarchy() == null ? mapping : EntityLoader.concreteMapping(mapping, values);
        EntityState state = new EntityState(concrete.newInstance(), concrete, Status.PERSISTENT, this.tenure);
        state.key(key);
        state.snapshot(values);
        state.hiddenFollowsSnapshot();
        register(state);
        this.identityMap.put(key, state);
        if (this.newlyLoaded != null) {
            this.newlyLoaded.add(state.entity());
        }
        return state;
    }

    /**
     * Starts (if not already) or stops recording the objects created from rows, for the session's
     * {@code load} listeners; stopping drops what was recorded.
     *
     * @param record whether to record
     */
    public synchronized void recordLoads(boolean record) {
        if (!record) {
            this.newlyLoaded = null;
        } else if (this.newlyLoaded == null) {
            this.newlyLoaded = new ArrayList<>();
        }
    }

    /**
     * The objects created from rows since the last call, while recording.
     *
     * @return them, in load order
     */
    public synchronized List<Object> drainLoaded() {
        if (this.newlyLoaded == null || this.newlyLoaded.isEmpty()) {
            return List.of();
        }
        List<Object> loaded = this.newlyLoaded;
        this.newlyLoaded = new ArrayList<>();
        return loaded;
    }

    /**
     * Records that a pending object's row was inserted.
     *
     * @param state the object's state
     * @param key its identity, now known
     * @param generatedKey the key value the flush generated, to clear if the transaction rolls back
     */
    synchronized void inserted(EntityState state, IdentityKey key, @Nullable Object generatedKey) {
        EntityState present = this.identityMap.get(key);
        if (present != null && present != state) {
            throw new InvalidRequestError("Another object with identity " + key + " is already in this session");
        }
        state.key(key);
        state.status(Status.PERSISTENT);
        state.insertedInTransaction(true, generatedKey);
        this.identityMap.put(key, state);
    }

    /**
     * Records that a deleted object's row was deleted.
     *
     * @param state the object's state
     */
    synchronized void deletedFlushed(EntityState state) {
        state.status(Status.DELETED_FLUSHED);
        if (state.key() != null) {
            this.identityMap.remove(state.key());
        }
    }

    /**
     * Marks an object for deletion at the next flush; a pending object is simply expunged.
     *
     * @param entity the object
     */
    public synchronized void markDeleted(Object entity) {
        EntityState state = index().get(entity);
        if (state == null || state.status() == Status.DETACHED) {
            throw new InvalidRequestError("Instance " + describe(entity) + " is not persisted in this session; add it or load it first");
        }
        if (state.status() == Status.PENDING) {
            remove(state);
        } else if (state.status() == Status.PERSISTENT) {
            state.status(Status.DELETED);
        }
    }

    /**
     * Makes an unloaded collection of a pending object loaded and empty, without SQL (there are no rows yet).
     *
     * @param state the pending object's state
     * @param relationship a collection relationship
     */
    public synchronized void initializeEmpty(EntityState state, RelationshipProperty relationship) {
        if (relationship.isCollection() && !Relationships.isLoaded(state.entity(), relationship)) {
            Relationships.install(state, relationship, List.of());
            state.collectionSnapshot(relationship.name(), null);
        }
    }

    /**
     * Removes an object from the session; its loaded attributes stay readable.
     *
     * @param entity the object
     */
    public synchronized void expunge(Object entity) {
        if (find(entity) == null) {
            throw new InvalidRequestError("Instance " + describe(entity) + " is not present in this session");
        }
        cascade(entity, RelationshipProperty.Cascade.EXPUNGE, this::remove);
    }

    private void remove(EntityState state) {
        if (this.indexed < this.order.size() && this.order.get(this.indexed) == state) {
            // The oldest state not indexed: it leaves without entering the index (states before `indexed` that left are
            // in neither the index nor the count of unindexed ones).
            this.indexed++;
        } else {
            index().remove(state.entity());
        }
        if (state.key() != null && this.identityMap.get(state.key()) == state) {
            this.identityMap.remove(state.key());
        }
        state.detach();
    }

    /**
     * Applies an operation to an object and, following the loaded relationships that cascade it, to
     * the objects of this session it reaches.
     *
     * @param entity the object
     * @param cascade the cascade to follow
     * @param operation what to do to each state
     */
    public synchronized void cascade(Object entity, RelationshipProperty.Cascade cascade, java.util.function.Consumer<EntityState> operation) {
        EntityState first = find(entity);
        if (first != null && !cascadesAny(first.mapping(), cascade)) {
            // Nothing to follow (a class without cascading relationships): no work queue, no seen set.
            operation.accept(first);
            return;
        }
        Deque<Object> work = new ArrayDeque<>();
        work.add(entity);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<EntityState> reached = new ArrayList<>();
        while (!work.isEmpty()) {
            Object next = work.pollFirst();
            EntityState state = index().get(next);
            if (state == null || !seen.add(next)) {
                continue;
            }
            reached.add(state);
            for (RelationshipProperty relationship : state.mapping().relationshipList()) {
                if (relationship.cascades(cascade)) {
                    work.addAll(Relationships.related(next, relationship));
                }
            }
        }
        reached.forEach(operation);
    }

    private static boolean cascadesAny(EntityMapping<?> mapping, RelationshipProperty.Cascade cascade) {
        for (RelationshipProperty relationship : mapping.relationshipList()) {
            if (relationship.cascades(cascade)) {
                return true;
            }
        }
        return false;
    }

    /** Removes every object from the session. */
    public synchronized void expungeAll() {
        // Every object leaves at once: their states read the ended tenure (no write to each of thousands of objects).
        this.tenure.end();
        this.tenure = new EntityState.Tenure(this.session);
        this.indexed = 0;
        if (this.reserved == 0) {
            this.index.clear();
            this.order.clear();
            this.identityMap.clear();
            return;
        }
        // Maps made room for a large result: fresh ones rather than clear(), which would walk every slot of tables sized
        // for the largest result the session loaded (a session is usually closed for good).
        this.index = new IdentityHashMap<>(4);
        this.order = new ArrayList<>();
        this.identityMap = new LinkedHashMap<>();
        this.reserved = 0;
    }

    /**
     * Expires attributes of a persistent object: the next load of its row overwrites them, and expired
     * relationships become unloaded.
     *
     * @param state the object's state
     * @param attributes the attributes, or empty for all
     */
    public synchronized void expire(EntityState state, List<String> attributes) {
        EntityMapping<?> mapping = state.mapping();
        for (ColumnProperty property : mapping.columns()) {
            if (property.field() != null && (attributes.isEmpty() || attributes.contains(property.attribute())) && !property.isId()) {
                state.expired().add(property.attribute());
            }
        }
        for (RelationshipProperty relationship : mapping.relationshipList()) {
            if (attributes.isEmpty() || attributes.contains(relationship.name())) {
                if (relationship.isCollection()) {
                    Relationships.unload(state, relationship);
                } else {
                    state.expired().add(relationship.name());
                }
            }
        }
    }

    /**
     * What commit does to objects: flushed deletions leave the session, inserted objects are
     * ordinary persistent ones, and with {@code expireOnCommit} every persistent object is expired.
     *
     * @param expire whether to expire everything
     */
    public synchronized void afterCommit(boolean expire) {
        for (EntityState state : states()) {
            if (state.status() == Status.DELETED_FLUSHED) {
                remove(state);
                continue;
            }
            state.insertedInTransaction(false, null);
            state.transactionEnded();
            if (expire && state.status() == Status.PERSISTENT) {
                expire(state, List.of());
            }
        }
    }

    private static void clearGeneratedKey(EntityState state) {
        ColumnProperty generated = state.mapping().key().generated();
        if (state.generatedKey() != null && generated != null && generated.field() != null) {
            generated.field().set(state.entity(), null);
        }
    }

    /**
     * What rollback does to objects: those added or inserted in the transaction become transient again
     * (their generated keys cleared), deleted ones are restored, and every persistent object is expired with
     * its fields put back to the row as it was before the transaction: changes made in memory, flushed or not,
     * are discarded (as SQLAlchemy's expiry discards them), so a later flush cannot write rolled-back values.
     */
    public synchronized void afterRollback() {
        List<EntityState> kept = new ArrayList<>();
        for (EntityState state : states()) {
            if (state.status() == Status.PENDING || state.insertedInTransaction()) {
                clearGeneratedKey(state);
                remove(state);
                continue;
            }
            if (state.status() == Status.DELETED || state.status() == Status.DELETED_FLUSHED) {
                state.status(Status.PERSISTENT);
                this.identityMap.put(state.key(), state);
            }
            kept.add(state);
        }
        // References are set from the restored foreign keys once every transient object has left the session.
        for (EntityState state : kept) {
            state.restore(state.snapshotBeforeTransaction(), this);
            state.transactionEnded();
            expire(state, List.of());
        }
    }

    /**
     * Remembers each object's snapshot, so that a rollback to a savepoint can tell what changed since.
     *
     * @return object to snapshot (an identity map)
     */
    public synchronized Map<Object, @Nullable Object> mark() {
        Map<Object, @Nullable Object> mark = new IdentityHashMap<>();
        for (EntityState state : states()) {
            mark.put(state.entity(), state.status() == Status.PENDING ? null : state.snapshot());
        }
        return mark;
    }

    /**
     * What a rollback to a savepoint does to objects: those added since become transient again, those
     * flushed or deleted since are restored and expired; the others keep their state.
     *
     * @param mark the {@link #mark()} taken when the savepoint was set
     */
    public synchronized void afterSavepointRollback(Map<Object, @Nullable Object> mark) {
        for (EntityState state : states()) {
            if (!mark.containsKey(state.entity()) || (mark.get(state.entity()) == null && state.insertedInTransaction())) {
                clearGeneratedKey(state);
                remove(state);
                continue;
            }
            @Nullable Object[] atSavepoint = (@Nullable Object[]) mark.get(state.entity());
            boolean changed = atSavepoint != state.snapshot() || ChangeDetector.isModified(state);
            if (state.status() == Status.DELETED_FLUSHED || state.status() == Status.DELETED) {
                state.status(Status.PERSISTENT);
                this.identityMap.put(state.key(), state);
                changed = true;
            }
            if (changed && state.status() == Status.PERSISTENT) {
                state.restore(atSavepoint, this);
                expire(state, List.of());
            }
        }
    }

    /**
     * Every object of the session.
     *
     * @return the states, in no particular order
     */
    public synchronized List<EntityState> states() {
        compactOrder();
        List<EntityState> states = new ArrayList<>(size());
        for (EntityState state : this.order) {
            if (state.status() != Status.DETACHED) {
                states.add(state);
            }
        }
        return states;
    }

    private void register(EntityState state) {
        this.order.add(state);
        compactOrder();
    }

    /**
     * Drops the states of objects that left the session once they outnumber the live ones (amortised O(1)): a
     * stream that expunges each object as it goes must not keep every one it ever loaded.
     */
    private void compactOrder() {
        if (this.order.size() > 2 * size() + 64) {
            // Live states keep their side of `indexed` (those before it are in the index), so a stream's next object
            // stays the oldest unindexed one (see find).
            ArrayList<EntityState> order = this.order;
            int kept = 0;
            int keptIndexed = 0;
            for (int i = 0; i < order.size(); i++) {
                EntityState state = order.get(i);
                if (state.status() != Status.DETACHED) {
                    order.set(kept++, state);
                    if (i < this.indexed) {
                        keptIndexed++;
                    }
                }
            }
            order.subList(kept, order.size()).clear();
            this.indexed = keptIndexed;
        }
    }

    /**
     * The identity map, as a read-only view of key to object.
     *
     * @return a snapshot map
     */
    public synchronized Map<IdentityKey, Object> identityMap() {
        Map<IdentityKey, Object> view = new LinkedHashMap<>();
        this.identityMap.forEach((key, state) -> view.put(key, state.entity()));
        return Collections.unmodifiableMap(view);
    }

    /**
     * The objects with a status.
     *
     * @param status the status
     * @return the objects
     */
    public synchronized List<Object> withStatus(Status status) {
        List<Object> result = new ArrayList<>();
        states().forEach(state -> {
            if (state.status() == status) {
                result.add(state.entity());
            }
        });
        return result;
    }

    static String describe(Object entity) {
        return entity.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(entity));
    }
}
