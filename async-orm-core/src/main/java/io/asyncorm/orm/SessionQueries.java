package io.asyncorm.orm;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.DetachedInstanceError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.ObjectDeletedError;
import io.asyncorm.internal.Steps;
import io.asyncorm.orm.internal.ColumnProperty;
import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.orm.internal.Connections;
import io.asyncorm.orm.internal.EntityLoader;
import io.asyncorm.orm.internal.EntityMapping;
import io.asyncorm.orm.internal.EntityState.Status;
import io.asyncorm.orm.internal.EntityState;
import io.asyncorm.orm.internal.JoinedLoads;
import io.asyncorm.orm.internal.LoadPlan;
import io.asyncorm.orm.internal.RelationshipProperty.Cascade;
import io.asyncorm.orm.internal.RelationshipProperty.Direction;
import io.asyncorm.orm.internal.RelationshipProperty;
import io.asyncorm.orm.internal.SessionState;
import io.asyncorm.orm.mapping.LoaderStrategy;
import io.asyncorm.result.AsyncResult;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.result.RowKeys;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.Select;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The session's reads: entity queries through the identity map with their loader options, get by
 * key, refresh, explicit loads of one attribute, merge, and delete with its cascades (which may have to
 * load what they cascade to). Runs on the session's connection; the session guards and autoflushes.
 */
final class SessionQueries {

    private static final int STREAM_CHUNK = 100;

    private final SessionState state;

    private final SessionConnections connections;

    private final SessionListeners listeners;

    private final SessionFlush flush;

    private final Registry registry;

    private final EntityLoader loader;

    /** The session's connections, with relationship loads passed through the ORM execute listeners. */
    private final Connections loads;

    /** Made on the first eager stream: most sessions never stream. */
    private @Nullable EagerEntityStream eagerStream;

    SessionQueries(SessionState state, SessionConnections connections, SessionListeners listeners, SessionFlush flush, Registry registry) {
        this.state = state;
        this.connections = connections;
        this.listeners = listeners;
        this.flush = flush;
        this.registry = registry;
        this.loader = new EntityLoader(state);
        this.loads = new ListenedLoads(connections, listeners);
    }

    private synchronized EagerEntityStream eagerStream() {
        EagerEntityStream made = this.eagerStream;
        if (made == null) {
            made = new EagerEntityStream(this.state, this.loader, this.loads, this.listeners);
            this.eagerStream = made;
        }
        return made;
    }

    Mono<Result> execute(Executable statement, Map<String, ?> parameters) {
        return execute(statement, parameters, ExecutionOptions.none());
    }

    /** A statement the application runs, through the ORM execute listeners. */
    Mono<Result> execute(Executable statement, Map<String, ?> parameters, ExecutionOptions options) {
        return this.listeners.aroundExecute(statement, parameters, options, this::run);
    }

    private Mono<Result> run(Executable statement, Map<String, ?> parameters, ExecutionOptions options) {
        if (!(statement instanceof EntitySelect<?> query)) {
            return this.connections.of(statement).flatMap(conn -> conn.execute(statement, List.of(parameters), options));
        }
        EntityMapping<?> mapping = this.registry.mapping(query.entityType());
        return entities(this.connections.of(query), query, parameters, options, entities -> entityResult(mapping, entities,
                query.joins().hasCollections()));
    }

    /**
     * An entity query's objects, one per row (repeated for joined collections), their eager relationships loaded, and what
     * {@code finish} makes of them (nothing when it returns null), in the same step rather than an operator after it.
     *
     * @param connection the connection for the query: deferred, unless this is called when the query is about to run
     */
    private <R> Mono<R> entities(Mono<AsyncConnection> connection, EntitySelect<?> query, Map<String, ?> parameters,
            ExecutionOptions options, Function<List<Object>, @Nullable R> finish) {
        EntityMapping<?> mapping = this.registry.mapping(query.entityType());
        JoinedLoads joins = query.joins();
        // The query's own options under the call's; an entity load that takes no lock is a pure read (see deferBegin).
        ExecutionOptions given = query.getExecutionOptions().merge(options);
        ExecutionOptions read = query.toSelect().locksRows() ? given
                : given == ExecutionOptions.none() ? EntityLoader.PURE_READ : given.merge(EntityLoader.PURE_READ);
        if (!joins.isEmpty()) {
            return connection.flatMap(conn -> conn.execute(query, List.of(parameters), read).flatMap(result -> {
                List<Object> entities = this.loader.joined(mapping, joins, result.all(), query.isPopulateExisting());
                return finished(this.loader.loadRelationships(this.loads, mapping, entities, query.plan(), query.isPopulateExisting()),
                        entities, finish);
            }));
        }
        // Objects are made as their rows arrive (see RowMappedExecution); the loaders take the states the rows gave.
        return connection.flatMap(conn -> Connections.mapped(conn, query, parameters, read,
                row -> this.loader.loadState(mapping, row, 0, query.isPopulateExisting())).flatMap(states -> finished(
                        this.loader.loadRelationshipsOf(this.loads, mapping, states, query.plan(), query.isPopulateExisting()),
                        EntityLoader.entities(states), finish)));
    }

    /** {@code finish} of the objects after a step, or at once when the step is {@link Mono#empty()}. */
    private static <R> Mono<R> finished(Mono<Void> step, List<Object> entities, Function<List<Object>, @Nullable R> finish) {
        return step == Mono.<Void>empty() ? Mono.justOrEmpty(finish.apply(entities))
                : step.then(Mono.fromSupplier(() -> finish.apply(entities)));
    }

    private static Result entityResult(EntityMapping<?> mapping, List<Object> entities, boolean needsUnique) {
        RowKeys keys = RowKeys.of(List.of(mapping.entityType().getSimpleName()));
        List<Row> rows = new ArrayList<>(entities.size());
        entities.forEach(entity -> rows.add(new Row(keys, new Object[] {entity})));
        Result result = new Result(keys, rows, -1);
        return needsUnique ? result.requireUnique("The unique() method must be invoked on this Result, as it contains results "
                + "that include joined eager loads against collections") : result;
    }

    Mono<AsyncResult> stream(Executable statement) {
        if (!(statement instanceof EntitySelect<?> query)) {
            return this.connections.of(statement).flatMap(conn -> conn.stream(statement));
        }
        EntityMapping<?> mapping = this.registry.mapping(query.entityType());
        for (RelationshipProperty relationship : mapping.relationshipList()) {
            LoaderStrategy strategy = query.plan().strategy(relationship);
            if (strategy == LoaderStrategy.SELECTIN || strategy == LoaderStrategy.JOINED) {
                // Eager loads need a second statement, or whole parents, while the rows are read: see EagerEntityStream.
                return this.connections.of(query).flatMap(conn -> eagerStream().open(query, mapping, conn,
                        conn.getExecutionOptions().merge(query.getExecutionOptions()).yieldPer(),
                        () -> execute(query.withoutExecutionOptions(), Map.of())));
            }
        }
        RowKeys keys = RowKeys.of(List.of(mapping.entityType().getSimpleName()));
        // Rows become objects as the cursor reads ahead of the reader, possibly on another thread than the one where the
        // application uses the session: each conversion holds the session state's lock.
        Function<Row, Row> toEntity = row -> {
            synchronized (this.state) {
                EntityState entityState = this.loader.loadState(mapping, row, 0, query.isPopulateExisting());
                for (RelationshipProperty relationship : mapping.relationshipList()) {
                    this.loader.settle(entityState, relationship, query.plan().strategy(relationship));
                }
                return new Row(keys, new Object[] {entityState.entity()});
            }
        };
        // Load listeners registered when the stream opens run for its rows, one row at a time; without any, a row is
        // mapped to its object in place (no publisher per row).
        return this.connections.of(query).flatMap(conn -> conn.stream(query, Map.of(), EntityLoader.PURE_READ)).flatMap(result -> AsyncResult.open(
                this.listeners.recordStreamLoads() ? result.rows().concatMap(row -> {
                    Row entityRow = toEntity.apply(row);
                    return this.listeners.recordStreamLoads() ? this.listeners.fireLoads().thenReturn(entityRow) : Mono.just(entityRow);
                }, 0) : result.rows().map(toEntity), STREAM_CHUNK));
    }

    <T> Mono<T> get(Class<T> type, Object id) {
        return get(type, id, null);
    }

    /**
     * Get by key: the identity map first, unless the adjusted query populates existing objects or locks the row;
     * else one SELECT. Without adjustments the key query is built only on a miss (the identity-map hit allocates
     * next to nothing: a budget of the benchmark gates). Made at subscription: the session calls it in the body of
     * its guarded operation.
     */
    <T> Mono<T> get(Class<T> type, Object id, @Nullable UnaryOperator<EntitySelect<T>> load) {
        EntityMapping<?> mapping = this.registry.mapping(type);
        EntitySelect<T> adjusted = load == null ? null : load.apply(this.registry.byKey(type));
        boolean alwaysSelect = adjusted != null && (adjusted.isPopulateExisting() || adjusted.toSelect().locksRows());
        IdentityKey identity = mapping.identityFor(id);
        EntityState presentState = this.state.stateAt(identity);
        Object present = presentState == null ? null : presentState.entity();
        if (present != null && !type.isInstance(present)) {
            // Another class of the same single-table hierarchy has this key.
            return Mono.empty();
        }
        if (presentState != null && !alwaysSelect) {
            if (presentState.status() != Status.PERSISTENT) {
                return Mono.empty();
            }
            if (!hasExpiredColumns(presentState)) {
                return Mono.just(type.cast(present));
            }
        }
        EntitySelect<T> query = adjusted != null ? adjusted : this.registry.byKey(type);
        Map<String, Object> key = keyParameters(mapping, identity);
        if (this.listeners.listensToExecute()) {
            return Steps.then(this.flush.autoflushNow(), () -> execute(query, key)).handle((result, sink) -> {
                Row first = result.first().orElse(null);
                if (first != null) {
                    sink.next(type.cast(first.get(0)));
                }
            });
        }
        // No execute listener can see or replace the result: the entities, without a Result around them; their connection
        // chosen when the query is about to run (after the autoflush), with no defer of its own.
        return Steps.then(this.flush.autoflushNow(), () -> entities(this.connections.ofNow(query), query, key, ExecutionOptions.none(),
                entities -> entities.isEmpty() ? null : type.cast(entities.get(0))));
    }

    private static Map<String, Object> keyParameters(EntityMapping<?> mapping, IdentityKey identity) {
        if (!mapping.key().isComposite()) {
            return Collections.singletonMap(Registry.KEY_PARAMETER, mapping.id().toDatabase(identity.id()));
        }
        Map<String, @Nullable Object> parameters = new HashMap<>();
        mapping.key().bind(parameters, Registry.KEY_PARAMETER, identity);
        return Collections.unmodifiableMap(parameters);
    }

    private static boolean hasExpiredColumns(EntityState entityState) {
        for (ColumnProperty property : entityState.mapping().columns()) {
            if (entityState.isExpired(property.attribute())) {
                return true;
            }
        }
        return false;
    }

    Mono<Void> refresh(Object entity, List<String> attributes, Select.@Nullable Lock lock) {
        return Mono.defer(() -> {
            EntityState entityState = persistentState(entity, "refresh");
            EntityMapping<?> mapping = entityState.mapping();
            List<String> columns = new ArrayList<>();
            List<RelationshipProperty> relationships = new ArrayList<>();
            for (String attribute : attributes) {
                RelationshipProperty relationship = mapping.relationship(attribute);
                if (relationship != null) {
                    relationships.add(relationship);
                } else if (mapping.property(attribute) != null) {
                    columns.add(attribute);
                } else {
                    return Mono.error(unknownAttribute(mapping, attribute));
                }
            }
            if (attributes.isEmpty()) {
                columns.addAll(mapping.columnAttributes());
                for (RelationshipProperty relationship : mapping.relationshipList()) {
                    if (relationship.strategy() == LoaderStrategy.SELECTIN || relationship.strategy() == LoaderStrategy.JOINED) {
                        relationships.add(relationship);
                    } else if (relationship.isCollection()) {
                        this.state.expire(entityState, List.of(relationship.name()));
                    }
                }
            }
            if (attributes.isEmpty()) {
                // The refresh cascade (JPA REFRESH, SQLAlchemy refresh-expire): related objects are expired, not reloaded.
                this.state.cascade(entity, Cascade.REFRESH, related -> {
                    if (related != entityState && related.status() == Status.PERSISTENT) {
                        this.state.expire(related, List.of());
                    }
                });
            }
            // A lock is taken by reading the row, even when only relationships are named.
            Mono<Void> reloadColumns = columns.isEmpty() && lock == null ? Mono.empty() : reloadRow(entityState, columns, lock);
                return reloadColumns.then(Flux.fromIterable(relationships)
                    .concatMap(relationship -> {
                        this.state.expire(entityState, List.of(relationship.name()));
                        return this.loader.selectIn(this.loads, relationship, List.of(entity))
                                .flatMap(loaded -> this.loader.loadRelationships(this.loads, this.registry.mapping(relationship.target()),
                                        loaded, LoadPlan.defaults()));
                    }).then());
        });
    }

    private Mono<Void> reloadRow(EntityState entityState, List<String> columns, Select.@Nullable Lock lock) {
        EntityMapping<?> mapping = entityState.mapping();
        Select select = mapping.loadSelect().where(mapping.key().equalsKey(entityState.key()));
        // A locking read is not a pure read: it runs inside the transaction's BEGIN, which keeps the lock.
        return this.connections.of(mapping)
                .flatMap(conn -> lock == null ? conn.execute(select, List.of(), EntityLoader.PURE_READ)
                        : conn.execute(select.forUpdate(lock), List.of(), ExecutionOptions.none()))
                .flatMap(result -> {
                    Row row = result.first().orElse(null);
                    if (row == null) {
                        return Mono.error(new ObjectDeletedError("Instance " + entityState.key() + " has been deleted, or its row is "
                                + "otherwise not present"));
                    }
                    this.loader.overwrite(entityState, row, columns);
                    return Mono.empty();
                });
    }

    @SuppressWarnings("unchecked")
    <T> Mono<T> fetch(Object entity, String attribute) {
        return Mono.defer(() -> {
            EntityState entityState = this.state.stateOf(entity);
            if (entityState == null || entityState.status() == Status.DETACHED) {
                return Mono.error(new DetachedInstanceError("Instance " + entity.getClass().getSimpleName() + " is not bound to this "
                        + "session; attribute " + attribute + " cannot be loaded"));
            }
            EntityMapping<?> mapping = entityState.mapping();
            RelationshipProperty relationship = mapping.relationship(attribute);
            if (relationship != null) {
                boolean loaded = isLoaded(entity, relationship) && !entityState.isExpired(attribute);
                if (!loaded && entityState.status() == Status.PENDING) {
                    // A pending object has no rows yet: its unloaded collection is empty (SQLAlchemy's pending lazy load).
                    this.state.initializeEmpty(entityState, relationship);
                }
                // The loaded objects' own relationships settle as any load leaves them: eager ones loaded, lazy
                // references installed from their foreign keys (the parent from the identity map, without I/O).
                Mono<?> load = loaded || entityState.status() == Status.PENDING ? Mono.empty()
                        : this.flush.autoflush().then(this.loader.selectIn(this.loads, relationship, List.of(entity))
                                .flatMap(related -> this.loader.loadRelationships(this.loads, this.registry.mapping(relationship.target()),
                                        related, LoadPlan.defaults())));
                return load.then(Mono.fromSupplier(() -> (T) relationship.field().get(entity)));
            }
            ColumnProperty column = mapping.property(attribute);
            if (column == null) {
                return Mono.error(unknownAttribute(mapping, attribute));
            }
            if (entityState.isUnloaded(attribute) && column.field().get(entity) != null) {
                // A deferred column the application has set since: its value is the one to keep.
                entityState.unloaded(attribute, false);
            }
            Mono<Void> load = entityState.isExpired(attribute) || entityState.isUnloaded(attribute)
                    ? this.flush.autoflush().then(reloadRow(entityState, List.of(attribute), null)) : Mono.empty();
            return load.then(Mono.fromSupplier(() -> (T) column.field().get(entity)));
        });
    }

    /** The state of a persistent object of this session; refuses a detached, transient, pending or deleted one. */
    EntityState persistentState(Object entity, String operation) {
        EntityState entityState = this.state.stateOf(entity);
        if (entityState == null) {
            throw new DetachedInstanceError("Instance " + entity.getClass().getSimpleName() + " is not persistent in this session; "
                    + operation + "() needs an object loaded or flushed by it");
        }
        if (entityState.status() != Status.PERSISTENT) {
            throw new InvalidRequestError("Instance " + entityState + " is " + entityState.status().name().toLowerCase(Locale.ROOT)
                    + "; " + operation + "() needs a persistent object (flush it first)");
        }
        return entityState;
    }

    private static boolean isLoaded(Object entity, RelationshipProperty relationship) {
        return EntityLoader.isLoaded(entity, relationship);
    }

    private static ArgumentError unknownAttribute(EntityMapping<?> mapping, String attribute) {
        List<String> known = new ArrayList<>(mapping.columnAttributes());
        known.addAll(mapping.relationships());
        return new ArgumentError(mapping.entityType().getSimpleName() + " has no mapped attribute '" + attribute + "'; it has " + known);
    }

    Mono<Void> delete(Object entity) {
        return Mono.defer(() -> {
            persistentState(entity, "delete");
            Set<Object> marked = Collections.newSetFromMap(new IdentityHashMap<>());
            return cascadeDelete(this.loads, entity, marked);
        });
    }

    /** Loads the one-to-many collections a deletion affects, marks the object, and follows delete cascades. */
    private Mono<Void> cascadeDelete(Connections conn, Object entity, Set<Object> marked) {
        if (!marked.add(entity)) {
            return Mono.empty();
        }
        EntityState entityState = this.state.stateOf(entity);
        if (entityState == null || entityState.status() != Status.PERSISTENT) {
            return Mono.empty();
        }
        EntityMapping<?> mapping = entityState.mapping();
        return Flux.fromIterable(mapping.relationshipList()).concatMap(relationship -> {
            boolean cascades = relationship.cascades(Cascade.DELETE);
            boolean needed = cascades || relationship.direction() == Direction.ONE_TO_MANY;
            if (!needed) {
                return Mono.empty();
            }
            Mono<?> load = isLoaded(entity, relationship) && !entityState.isExpired(relationship.name()) ? Mono.empty()
                    : this.loader.selectIn(conn, relationship, List.of(entity));
            return load.thenMany(Flux.defer(() -> cascades ? Flux.fromIterable(related(entity, relationship)) : Flux.empty()))
                    .concatMap(child -> cascadeDelete(conn, child, marked));
        }).then(Mono.fromRunnable(() -> this.state.markDeleted(entity)));
    }

    private static List<Object> related(Object entity, RelationshipProperty relationship) {
        Object value = relationship.field().get(entity);
        if (value == null) {
            return List.of();
        }
        return relationship.isCollection() ? new ArrayList<>((Collection<?>) value) : List.of(value);
    }

    /** merge(obj, load=False): the object's columns become the session object's row, with no SQL. */
    @SuppressWarnings("unchecked")
    <T> Mono<T> mergeWithoutLoad(T entity) {
        return Mono.fromCallable(() -> {
            EntityState sourceState = this.state.stateOf(entity);
            if (sourceState != null && sourceState.status() != Status.DETACHED) {
                return entity;
            }
            EntityMapping<T> mapping = (EntityMapping<T>) this.registry.mapping(entity.getClass());
            if (mapping.identity(entity) == null) {
                throw new InvalidRequestError("merge() with load=false does not support transient (never persisted) objects: "
                        + entity.getClass().getSimpleName() + " has no primary key. Flush it first, or merge with load=true");
            }
            // SQLAlchemy refuses a dirty object here. Only an object still held by an open session has a snapshot to
            // compare with (plain objects carry no state once their session is gone).
            if (OpenSessions.holding(entity).filter(holder -> holder.isModified(entity)).isPresent()) {
                throw new InvalidRequestError("merge() with load=false does not support objects marked as dirty: "
                        + entity.getClass().getSimpleName() + " has changes its session has not flushed. Flush that session "
                        + "first, or merge with load=true");
            }
            List<ColumnProperty> columns = mapping.columns();
            List<String> names = new ArrayList<>(columns.size());
            @Nullable Object[] values = new Object[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                ColumnProperty column = columns.get(i);
                names.add(column.column().name());
                values[i] = column.field() == null ? null : column.toDatabase(column.field().get(entity));
            }
            for (RelationshipProperty relationship : mapping.relationshipList()) {
                if (relationship.direction() == Direction.MANY_TO_ONE) {
                    relationship.putForeignKey(mapping, values, keyOf(relationship.field().get(entity)));
                }
            }
            T merged = (T) this.loader.entity(mapping, new Row(RowKeys.of(names), values), 0, true);
            EntityState mergedState = this.state.stateOf(merged);
            for (RelationshipProperty relationship : mapping.relationshipList()) {
                this.loader.settle(mergedState, relationship, LoaderStrategy.LAZY);
            }
            return merged;
        });
    }

    private @Nullable Object keyOf(@Nullable Object target) {
        if (target == null) {
            return null;
        }
        if (target instanceof io.asyncorm.orm.internal.UnloadedReference placeholder) {
            return this.registry.mapping(target.getClass().getSuperclass()).key().rowKeyOfIdentity(placeholder.asyncOrmKey());
        }
        return this.registry.mapping(target.getClass()).key().databaseKeyOf(target);
    }

    <T> Mono<T> merge(T entity) {
        return Mono.defer(() -> {
            Map<Object, Object> merged = new IdentityHashMap<>();
            return mergeOne(entity, merged);
        });
    }

    @SuppressWarnings("unchecked")
    private <T> Mono<T> mergeOne(T source, Map<Object, Object> merged) {
        Object done = merged.get(source);
        if (done != null) {
            return Mono.just((T) done);
        }
        EntityState sourceState = this.state.stateOf(source);
        if (sourceState != null && sourceState.status() != Status.DETACHED) {
            return Mono.just(source);
        }
        EntityMapping<T> mapping = (EntityMapping<T>) this.registry.mapping(source.getClass());
        IdentityKey id = mapping.identity(source);
        Mono<T> target = id == null ? Mono.empty() : get(mapping.entityType(), id.id());
        return target.switchIfEmpty(Mono.fromSupplier(() -> {
            T copy = mapping.newInstance();
            this.state.add(copy);
            return copy;
        })).flatMap(copy -> {
            merged.put(source, copy);
            for (ColumnProperty property : mapping.columns()) {
                if (property.field() != null && !(property.isId() && id == null)) {
                    property.field().set(copy, property.field().get(source));
                }
            }
            return Flux.fromIterable(mapping.relationshipList())
                    .filter(relationship -> relationship.cascades(Cascade.MERGE) && isLoaded(source, relationship))
                    .concatMap(relationship -> Flux.fromIterable(related(source, relationship)).concatMap(item -> mergeOne(item, merged))
                            .collectList().doOnNext(items -> assign(copy, relationship, items)))
                    .then(Mono.just(copy));
        });
    }

    @SuppressWarnings("unchecked")
    private void assign(Object copy, RelationshipProperty relationship, List<Object> items) {
        if (!relationship.isCollection()) {
            relationship.field().set(copy, items.isEmpty() ? null : items.get(0));
            return;
        }
        Object current = relationship.field().get(copy);
        if (current instanceof Collection<?> collection && isLoaded(copy, relationship)) {
            ((Collection<Object>) collection).clear();
            ((Collection<Object>) collection).addAll(items);
        } else {
            relationship.field().set(copy, relationship.isSet() ? new LinkedHashSet<>(items) : new ArrayList<>(items));
        }
    }

    /** Relationship loads through the ORM execute listeners (SQLAlchemy's {@code is_relationship_load}). */
    private record ListenedLoads(SessionConnections connections, SessionListeners listeners) implements Connections {

        @Override
        public Mono<AsyncConnection> of(EntityMapping<?> mapping) {
            return this.connections.of(mapping);
        }

        @Override
        public Mono<Result> load(EntityMapping<?> mapping, Class<?> loaded, Select query, Map<String, ?> parameters,
                ExecutionOptions options) {
            return this.listeners.aroundLoad(loaded, query, parameters, options, (statement, given, executionOptions) -> this.connections
                    .of(mapping).flatMap(connection -> connection.execute(statement, given.isEmpty() ? List.of() : List.of(given),
                            executionOptions)));
        }

        @Override
        public <T> Mono<List<T>> loadEach(EntityMapping<?> mapping, Class<?> loaded, Select query, Map<String, ?> parameters,
                ExecutionOptions options, Function<Row, @Nullable T> perRow) {
            if (!this.listeners.listensToExecute()) {
                return Connections.super.loadEach(mapping, loaded, query, parameters, options, perRow);
            }
            // The listeners may look at, or replace, the buffered result.
            return load(mapping, loaded, query, parameters, options).map(result -> Connections.mapAll(result, perRow));
        }
    }
}
