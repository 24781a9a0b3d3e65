package io.asyncorm.orm.internal;

import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.internal.Steps;
import io.asyncorm.orm.internal.RelationshipProperty.Direction;
import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.orm.mapping.LoaderStrategy;
import io.asyncorm.result.Row;
import io.asyncorm.result.RowKeys;
import io.asyncorm.sql.Column;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns rows into entities through the identity map, then runs the eager loaders a query's
 * {@link LoadPlan} asks for: one {@code SELECT ... WHERE key IN (...)} per relationship per level
 * (500 keys per statement), nothing for references already in the identity map.
 */
public final class EntityLoader {

    /** Keys per IN list, as SQLAlchemy's selectinload uses. */
    static final int IN_BATCH = 500;

    /** The most rows per owner a collection's load reserves room for ahead of its rows (a sizing hint, see reserve). */
    private static final int MAX_ROWS_PER_OWNER = 64;

    /** The most objects one load of a relationship reserves room for ahead of its rows. */
    private static final long MAX_RESERVE = 1 << 16;

    /** The label suffix of the NULL an entity query selects in place of a deferred column. */
    public static final String DEFERRED_SUFFIX = "__deferred";

    /** The options of the session's entity loads: plain reads, which need not wait for a deferred BEGIN. */
    public static final ExecutionOptions PURE_READ = ExecutionOptions.builder().pureRead(true).build();

    private final SessionState session;

    private @Nullable DeferredColumns deferredColumns;

    /**
     * Creates a loader for a session.
     *
     * @param session the session's objects
     */
    public EntityLoader(SessionState session) {
        this.session = session;
    }

    /**
     * The entity of a row: the identity map's object when the session has one (its expired attributes
     * refreshed from the row), else a new persistent object.
     *
     * @param mapping the entity's mapping
     * @param row the row
     * @param offset the position of the entity's first column in the row
     * @param populateExisting whether to overwrite every attribute of an object already present
     * @return the entity
     */
    public Object entity(EntityMapping<?> mapping, Row row, int offset, boolean populateExisting) {
        return loadState(mapping, row, offset, populateExisting).entity();
    }

    /**
     * {@link #entity}, returning the object's state (looking it up again by object would cost an identity hash).
     *
     * @param mapping the entity's mapping
     * @param row the row
     * @param offset the position of the entity's first column in the row
     * @param populateExisting whether to overwrite every attribute of an object already present
     * @return the entity's state
     */
    public EntityState loadState(EntityMapping<?> mapping, Row row, int offset, boolean populateExisting) {
        return loadState(mapping, row, offset, values(mapping, row, offset), populateExisting);
    }

    /** A row's values of a mapping's columns, in the mapping's column order. */
    private static @Nullable Object[] values(EntityMapping<?> mapping, Row row, int offset) {
        List<ColumnProperty> columns = mapping.columns();
        @Nullable Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(offset + i, columns.get(i).column());
        }
        return values;
    }

    /**
     * {@link #loadState(EntityMapping, Row, int, boolean)} with the row's values of the mapping's columns read: a new
     * object's snapshot is {@code values} itself.
     */
    private EntityState loadState(EntityMapping<?> mapping, Row row, int offset, @Nullable Object[] values, boolean populateExisting) {
        IdentityKey key = mapping.key().ofRow(values, 0);
        if (key == null) {
            throw new InvalidRequestError("A row for " + mapping.entityType().getSimpleName() + " has a NULL primary key; "
                    + "select the entity from its own table, or use an inner join");
        }
        boolean @Nullable [] deferred = deferredColumns(row, offset, values.length);
        EntityState state = this.session.loaded(mapping, key, values);
        if (state.snapshot() != values) {
            if (populateExisting || state.hasExpired()) {
                refresh(state, values, populateExisting, deferred);
            }
            fillUnloaded(state, values, deferred);
            return state;
        }
        EntityMapping<?> concrete = state.mapping();
        Object entity = state.entity();
        for (int i = 0; i < values.length; i++) {
            ColumnProperty property = concrete.columns().get(i);
            if (deferred != null && deferred[i]) {
                state.unloaded(property.attribute(), true);
            } else if (property.field() != null) {
                property.field().set(entity, property.fromDatabase(values[i]));
            }
            // A column no field maps holds the snapshot's value (SessionState.loaded).
        }
        for (RelationshipProperty relationship : concrete.relationshipList()) {
            Relationships.unload(state, relationship);
        }
        return state;
    }

    /** The mapping of the class a row of a single-table hierarchy belongs to, by its discriminator value. */
    static EntityMapping<?> concreteMapping(EntityMapping<?> mapping, @Nullable Object[] values) {
        EntityMapping.Hierarchy hierarchy = mapping.hierarchy();
        Object value = values[mapping.indexOf(mapping.table().c(hierarchy.discriminatorColumn()))];
        Class<?> type = value == null ? null : hierarchy.classes().get(value.toString());
        if (type == null) {
            throw new InvalidRequestError("A row of " + mapping.table().name() + " has the discriminator " + hierarchy.discriminatorColumn()
                    + " = " + value + ", which no class of the hierarchy of " + hierarchy.root().getSimpleName() + " declares; "
                    + "its values are " + hierarchy.classes().keySet());
        }
        return type == mapping.entityType() ? mapping : EntityMappings.of(type);
    }

    /**
     * Overwrites some column attributes of an object with a row of its table (refresh).
     *
     * @param state the object's state
     * @param row a row of the mapping's columns, in table order
     * @param attributes the attributes to overwrite
     */
    public void overwrite(EntityState state, Row row, List<String> attributes) {
        List<ColumnProperty> columns = state.mapping().columns();
        @Nullable Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i, columns.get(i).column());
        }
        Set<String> previous = new java.util.HashSet<>(state.expired());
        state.expired().clear();
        state.expired().addAll(attributes);
        refresh(state, values, false);
        attributes.forEach(attribute -> state.unloaded(attribute, false));
        previous.removeAll(attributes);
        state.expired().clear();
        state.expired().addAll(previous);
    }

    /**
     * Which columns of an entity in a row are the placeholders an entity query selects for deferred columns
     * ({@code NULL AS name__deferred}), or null when there are none (no allocation: labels are compared in place).
     */
    private boolean @Nullable [] deferredColumns(Row row, int offset, int count) {
        // A statement's rows share one RowKeys: the answer is worked out once per statement (and entity position).
        DeferredColumns cached = this.deferredColumns;
        if (cached != null && cached.keys == row.rowKeys() && cached.offset == offset && cached.count == count) {
            return cached.deferred;
        }
        boolean @Nullable [] deferred = deferredColumns(row.keys(), offset, count);
        this.deferredColumns = new DeferredColumns(row.rowKeys(), offset, count, deferred);
        return deferred;
    }

    /** The deferred placeholders of the last row keys an entity was read from. */
    private record DeferredColumns(RowKeys keys, int offset, int count, boolean @Nullable [] deferred) {
    }

    private static boolean @Nullable [] deferredColumns(List<String> keys, int offset, int count) {
        boolean[] deferred = null;
        for (int i = 0; i < count && offset + i < keys.size(); i++) {
            String name = keys.get(offset + i);
            int start = name.length() - DEFERRED_SUFFIX.length();
            if (start > 0 && name.regionMatches(true, start, DEFERRED_SUFFIX, 0, DEFERRED_SUFFIX.length())) {
                if (deferred == null) {
                    deferred = new boolean[count];
                }
                deferred[i] = true;
            }
        }
        return deferred;
    }

    /** Deferred columns an object has not loaded yet, which this row holds: set now (SQLAlchemy loads unloaded attributes). */
    private static void fillUnloaded(EntityState state, @Nullable Object[] values, boolean @Nullable [] deferred) {
        for (String attribute : state.unloadedAttributes()) {
            ColumnProperty property = state.mapping().property(attribute);
            int index = state.mapping().indexOf(property.column());
            if (deferred == null || !deferred[index]) {
                property.field().set(state.entity(), property.fromDatabase(values[index]));
                @Nullable Object[] snapshot = state.snapshot().clone();
                snapshot[index] = values[index];
                state.snapshot(snapshot);
                state.unloaded(attribute, false);
            }
        }
    }

    /** Overwrites expired attributes (or all) with a row's values. */
    private static void refresh(EntityState state, @Nullable Object[] values, boolean all) {
        refresh(state, values, all, null);
    }

    /** Overwrites expired attributes (or all but the row's deferred placeholders) with a row's values. */
    private static void refresh(EntityState state, @Nullable Object[] values, boolean all, boolean @Nullable [] deferred) {
        List<ColumnProperty> columns = state.mapping().columns();
        @Nullable Object[] snapshot = state.snapshot() == null ? new Object[values.length] : state.snapshot().clone();
        for (int i = 0; i < values.length; i++) {
            ColumnProperty property = columns.get(i);
            if (deferred != null && deferred[i]) {
                if (state.unexpire(property.attribute())) {
                    // Expired and not read again: unloaded, with no stale value a flush could mistake for a change.
                    property.field().set(state.entity(), null);
                    snapshot[i] = null;
                    state.unloaded(property.attribute(), true);
                }
                continue;
            }
            if (property.field() == null) {
                if (all || state.isExpired(property.attribute())) {
                    state.hidden(i, values[i]);
                    snapshot[i] = values[i];
                }
            } else if (all || state.isExpired(property.attribute())) {
                property.field().set(state.entity(), property.fromDatabase(values[i]));
                snapshot[i] = values[i];
                state.unexpire(property.attribute());
            }
        }
        state.snapshot(snapshot);
    }

    /**
     * Runs the eager loaders for objects a query returned, level by level.
     *
     * @param connections the session's connections
     * @param mapping the objects' mapping
     * @param entities the objects
     * @param plan the query's loader options
     * @return completes when every eager relationship is loaded
     */
    public Mono<Void> loadRelationships(Connections connections, EntityMapping<?> mapping, List<Object> entities, LoadPlan plan) {
        return loadRelationships(connections, mapping, entities, plan, false);
    }

    /**
     * {@link #loadRelationships(Connections, EntityMapping, List, LoadPlan)}, with populate-existing: eager
     * relationships already loaded are loaded again, and the related objects' columns overwritten (SQLAlchemy's
     * {@code populate_existing} reaches eager loads too).
     *
     * @param connections the session's connections
     * @param mapping the objects' mapping
     * @param entities the objects
     * @param plan the query's loader options
     * @param populateExisting whether to reload what is loaded
     * @return completes when every eager relationship is loaded
     */
    public Mono<Void> loadRelationships(Connections connections, EntityMapping<?> mapping, List<Object> entities, LoadPlan plan,
            boolean populateExisting) {
        if (entities.isEmpty() || !relates(mapping)) {
            return Mono.empty();
        }
        return loadRelationshipsOf(connections, mapping, states(entities), plan, populateExisting);
    }

    /**
     * {@link #loadRelationships(Connections, EntityMapping, List, LoadPlan, boolean)} for objects given by their states, as
     * {@link #loadState} returned them (no lookup by object); an object given twice is loaded once.
     *
     * @param connections the session's connections
     * @param mapping the objects' mapping
     * @param states the objects' states
     * @param plan the query's loader options
     * @param populateExisting whether to reload what is loaded
     * @return completes when every eager relationship is loaded
     */
    public Mono<Void> loadRelationshipsOf(Connections connections, EntityMapping<?> mapping, List<EntityState> states, LoadPlan plan,
            boolean populateExisting) {
        if (states.isEmpty() || !relates(mapping)) {
            return Mono.empty();
        }
        return loadStates(connections, mapping, states, plan, Collections.newSetFromMap(new IdentityHashMap<>()), populateExisting, null);
    }

    /**
     * Whether objects of a mapping may have relationships to load or settle (their class or a subclass declares one).
     *
     * @param mapping a mapping
     * @return false when loading relationships has nothing to do
     */
    public static boolean relates(EntityMapping<?> mapping) {
        return mapping.hierarchy() != null || !mapping.relationshipList().isEmpty();
    }

    /** The states of objects of this session (objects it does not hold have nothing to load). */
    private List<EntityState> states(List<Object> entities) {
        List<EntityState> states = new ArrayList<>(entities.size());
        for (Object entity : entities) {
            EntityState state = this.session.stateOf(entity);
            if (state != null) {
                states.add(state);
            }
        }
        return states;
    }

    /**
     * The objects of states, in their order.
     *
     * @param states states
     * @return their objects
     */
    public static List<Object> entities(List<EntityState> states) {
        List<Object> entities = new ArrayList<>(states.size());
        for (EntityState state : states) {
            entities.add(state.entity());
        }
        return entities;
    }

    // From here on the walk carries the objects' states: each level's loader has them at hand, and looking each object
    // up again in the session costs an identity-hash probe per object. `settled`, when not null, is a lazy relationship
    // the load that made the states has already settled on each of them.
    private Mono<Void> loadStates(Connections connections, EntityMapping<?> mapping, List<EntityState> states, LoadPlan plan,
            Set<EntityState> visited, boolean populateExisting, @Nullable RelationshipProperty settled) {
        // Objects with nothing eager to load end the walk here: the set of visited objects (there to stop cycles, and to
        // load an object given twice once) need not hold them, and settling one twice changes nothing.
        List<EntityState> fresh = mapping.hierarchy() == null && !loadsEagerly(mapping.relationshipList(), plan) ? states
                : states.stream().filter(visited::add).toList();
        if (fresh.isEmpty()) {
            return Mono.empty();
        }
        Mono<Void> shared = load(connections, mapping.relationshipList(), fresh, plan, visited, populateExisting, settled);
        if (mapping.hierarchy() == null) {
            return shared;
        }
        // Objects of several classes of a hierarchy: what the query's class declares loads once for all of them (above),
        // then each subclass's own relationships for its objects.
        Map<EntityMapping<?>, List<EntityState>> byClass = new LinkedHashMap<>();
        for (EntityState state : fresh) {
            if (state.mapping() != mapping) {
                byClass.computeIfAbsent(state.mapping(), m -> new ArrayList<>()).add(state);
            }
        }
        return shared.then(Flux.fromIterable(byClass.entrySet()).concatMap(entry -> load(connections, entry.getKey().relationshipList()
                .stream().filter(relationship -> mapping.relationship(relationship.name()) == null).toList(), entry.getValue(), plan,
                visited, populateExisting, null)).then());
    }

    private static boolean loadsEagerly(List<RelationshipProperty> relationships, LoadPlan plan) {
        for (RelationshipProperty relationship : relationships) {
            LoaderStrategy strategy = plan.strategy(relationship);
            if (strategy == LoaderStrategy.SELECTIN || strategy == LoaderStrategy.JOINED) {
                return true;
            }
        }
        return false;
    }

    private Mono<Void> load(Connections connections, List<RelationshipProperty> relationships, List<EntityState> fresh, LoadPlan plan,
            Set<EntityState> visited, boolean populateExisting, @Nullable RelationshipProperty settled) {
        // Relationships that are not eager-loaded are settled in place: they cost no operator.
        return Steps.each(relationships, relationship -> {
            LoaderStrategy strategy = plan.strategy(relationship);
            if (strategy == LoaderStrategy.NOLOAD || strategy == LoaderStrategy.LAZY || strategy == LoaderStrategy.RAISE) {
                // A second pass over thousands of just-loaded objects that would change none of them is left out.
                for (EntityState state : relationship == settled ? List.<EntityState>of() : fresh) {
                    settle(state, relationship, strategy);
                }
                return Mono.empty();
            }
            // SELECTIN; a JOINED relationship the query could not join (a cycle, or a nested level) loads like it.
            List<EntityState> toLoad = populateExisting ? fresh : fresh.stream().filter(state -> needsLoad(state, relationship)).toList();
            LoadPlan childPlan = plan.child(relationship);
            RelationshipProperty inverse = relationship.inverse();
            // Children of a one-to-many get their many-to-one back to the owner from the batch (what settling it from the
            // identity map would give), unless this query leaves it unloaded (noload) or reloads what is loaded.
            boolean installInverse = relationship.direction() == Direction.ONE_TO_MANY && inverse != null && !populateExisting
                    && inverse.direction() == Direction.MANY_TO_ONE && childPlan.strategy(inverse) != LoaderStrategy.NOLOAD;
            return (toLoad.isEmpty() ? Mono.<List<EntityState>>just(List.of())
                    : installInverse ? children(connections, relationship, toLoad, false, inverse)
                    : selectIn(connections, relationship, toLoad, populateExisting))
                    // When this statement loaded the relationship of every object, what it loaded is all they relate to.
                    // Children that got their owner from the batch have that many-to-one settled.
                    .flatMap(loaded -> {
                        boolean allLoaded = !toLoad.isEmpty() && toLoad.size() == fresh.size();
                        return loadStates(connections, EntityMappings.of(relationship.target()), allLoaded ? loaded : related(fresh, relationship),
                                childPlan, visited, populateExisting, allLoaded && installInverse ? inverse : null);
                    });
        });
    }

    private List<EntityState> related(List<EntityState> owners, RelationshipProperty relationship) {
        List<Object> related = new ArrayList<>();
        for (EntityState owner : owners) {
            Relationships.addRelated(owner.entity(), relationship, related);
        }
        return states(related);
    }

    /**
     * Turns the rows of a query with joined loads into its entities (one per row, repeating) and installs
     * the joined relationships on the objects that did not have them loaded.
     *
     * @param root the query's mapping
     * @param joins the joins of the query
     * @param rows the rows
     * @param populateExisting whether to overwrite objects already present
     * @return the query's entity of each row
     */
    public List<Object> joined(EntityMapping<?> root, JoinedLoads joins, List<Row> rows, boolean populateExisting) {
        List<JoinedLoads.Node> nodes = joins.nodes();
        List<Map<Object, LinkedHashSet<Object>>> collected = new ArrayList<>();
        List<Set<Object>> wanting = new ArrayList<>();
        for (JoinedLoads.Node node : nodes) {
            collected.add(new IdentityHashMap<>());
            wanting.add(Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        List<Object> result = new ArrayList<>(rows.size());
        Object[] perRow = new Object[nodes.size() + 1];
        for (Row row : rows) {
            perRow[0] = entity(root, row, 0, populateExisting);
            result.add(perRow[0]);
            for (int i = 0; i < nodes.size(); i++) {
                JoinedLoads.Node node = nodes.get(i);
                Object parent = perRow[node.parent() + 1];
                perRow[i + 1] = null;
                if (parent == null) {
                    continue;
                }
                if (populateExisting || needsLoad(parent, node.relationship())) {
                    wanting.get(i).add(parent);
                }
                // Key columns are NOT NULL: the first one is NULL only where the outer join matched nothing.
                int keyIndex = node.offset() + node.mapping().indexOf(node.mapping().key().columns().get(0).column());
                if (row.get(keyIndex) == null) {
                    collected.get(i).computeIfAbsent(parent, p -> new LinkedHashSet<>());
                    continue;
                }
                Object child = entity(node.mapping(), row, node.offset(), populateExisting);
                perRow[i + 1] = child;
                collected.get(i).computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(child);
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            RelationshipProperty relationship = nodes.get(i).relationship();
            for (Object parent : wanting.get(i)) {
                EntityState state = this.session.stateOf(parent);
                Relationships.install(state, relationship, new ArrayList<>(collected.get(i).getOrDefault(parent, new LinkedHashSet<>())));
                state.unexpire(relationship.name());
            }
        }
        return result;
    }

    private boolean needsLoad(Object entity, RelationshipProperty relationship) {
        if (relationship.isCollection()) {
            return !Relationships.isLoaded(entity, relationship);
        }
        EntityState state = this.session.stateOf(entity);
        return state != null && needsLoad(state, relationship);
    }

    private static boolean needsLoad(EntityState state, RelationshipProperty relationship) {
        if (relationship.isCollection()) {
            return !Relationships.isLoaded(state.entity(), relationship);
        }
        return !state.hasReferenceSnapshot(relationship.name()) || state.isExpired(relationship.name())
                || relationship.field().get(state.entity()) instanceof UnloadedReference;
    }

    /**
     * Whether a relationship of an object can be read without I/O.
     *
     * @param entity the object
     * @param relationship the relationship
     * @return false for an unloaded collection or a placeholder reference
     */
    public static boolean isLoaded(Object entity, RelationshipProperty relationship) {
        return Relationships.isLoaded(entity, relationship);
    }

    /**
     * Settles a relationship that is not eager-loaded: a lazy reference becomes its target when the
     * identity map has it, null when the foreign key is null, else a placeholder; {@code noload} gives an
     * empty collection or a null reference. Collections are already unloaded.
     *
     * @param state the owner's state
     * @param relationship the relationship
     * @param strategy its strategy in this query
     */
    public void settle(EntityState state, RelationshipProperty relationship, LoaderStrategy strategy) {
        if (!needsLoad(state, relationship) || relationship.field().get(state.entity()) instanceof UnloadedReference) {
            return;
        }
        if (strategy == LoaderStrategy.NOLOAD) {
            Relationships.install(state, relationship, List.of());
            return;
        }
        if (relationship.isCollection() || relationship.direction() != Direction.MANY_TO_ONE || state.snapshot() == null) {
            return;
        }
        Relationships.installFromForeignKey(this.session, state, relationship);
        state.unexpire(relationship.name());
    }

    /**
     * Loads one relationship of objects with {@code SELECT ... WHERE key IN (...)}, or for references
     * from the identity map when it has them all.
     *
     * @param connections the session's connections
     * @param relationship the relationship
     * @param owners the objects whose relationship is unloaded
     * @return the related objects now loaded, distinct
     */
    public Mono<List<Object>> selectIn(Connections connections, RelationshipProperty relationship, List<Object> owners) {
        return selectIn(connections, relationship, states(owners), false).map(EntityLoader::entities);
    }

    private Mono<List<EntityState>> selectIn(Connections connections, RelationshipProperty relationship, List<EntityState> owners,
            boolean populateExisting) {
        if (relationship.direction() == Direction.MANY_TO_ONE) {
            return references(connections, relationship, owners, populateExisting);
        }
        if (relationship.direction() == Direction.ONE_TO_MANY) {
            return children(connections, relationship, owners, populateExisting, null);
        }
        return associated(connections, relationship, owners, populateExisting);
    }

    /** A many-to-many: the targets joined to the association table, with the owner's key as an extra column. */
    private Mono<List<EntityState>> associated(Connections connections, RelationshipProperty relationship, List<EntityState> owners,
            boolean populateExisting) {
        EntityMapping<?> target = EntityMappings.of(relationship.target());
        RelationshipProperty.Secondary secondary = relationship.secondary();
        List<Column<?>> ownerColumns = new ArrayList<>();
        List<Column<?>> ownerKey = new ArrayList<>();
        secondary.ownerColumns().forEach(pair -> {
            ownerColumns.add(pair.foreignKey());
            ownerKey.add(pair.referenced());
        });
        List<Column<?>> relatedColumns = new ArrayList<>();
        List<Column<?>> relatedKey = new ArrayList<>();
        secondary.targetColumns().forEach(pair -> {
            relatedColumns.add(pair.foreignKey());
            relatedKey.add(pair.referenced());
        });
        Map<Object, List<Object>> byKey = new LinkedHashMap<>();
        for (EntityState state : owners) {
            byKey.put(KeyValues.read(state.mapping(), ownerKey, Objects.requireNonNull(state.snapshot())), new ArrayList<>());
        }
        int keyIndex = target.columns().size();
        Set<EntityState> loaded = Collections.newSetFromMap(new IdentityHashMap<>());
        // The association table lives with the owning side's table, on that side's engine.
        Class<?> owningType = relationship.isOwning() ? relationship.owner() : relationship.target();
        EntityMapping<?> owning = EntityMappings.of(owningType);
        return inBatches(new ArrayList<>(byKey.keySet()), batch -> connections.loadEach(owning, target.entityType(),
                        InLists.select(relationship, () -> target.loadSelect()
                                .addColumns(ownerColumns.toArray())
                                .join(secondary.table(), KeyValues.join(relatedColumns, relatedKey)), ownerColumns, batch.size()),
                        InLists.parameters(ownerColumns, batch), PURE_READ, row -> {
                            EntityState child = loadState(target, row, 0, populateExisting);
                            List<Object> siblings = byKey.get(KeyValues.read(row, keyIndex, ownerColumns));
                            if (siblings != null) {
                                siblings.add(child.entity());
                                loaded.add(child);
                            }
                            return null;
                        }))
                .then(Mono.fromSupplier(() -> {
                    for (EntityState state : owners) {
                        Relationships.install(state, relationship, byKey.get(KeyValues.read(state.mapping(), ownerKey, state.snapshot())));
                    }
                    return new ArrayList<>(loaded);
                }));
    }

    /**
     * A one-to-many's children, by the owners' keys; with {@code inverse}, each child's many-to-one back to its owner is
     * set from the batch where it is not loaded yet.
     */
    private Mono<List<EntityState>> children(Connections connections, RelationshipProperty relationship, List<EntityState> owners,
            boolean populateExisting, @Nullable RelationshipProperty inverse) {
        EntityMapping<?> target = EntityMappings.of(relationship.target());
        List<Column<?>> ownerKey = relationship.referencedColumns();
        Owners byKey = new Owners();
        for (EntityState state : owners) {
            byKey.put(KeyValues.read(state.mapping(), ownerKey, Objects.requireNonNull(state.snapshot())), new Siblings(state));
        }
        // Each row is a distinct child (its key), under exactly one owner's key: no set is needed to keep them distinct.
        // Children are made as their rows arrive (see RowMappedExecution), and installed once all are in. The owner's key
        // is the row's foreign key, read from the values the child was made of.
        int rowsPerOwner = relationship.rowsPerOwner();
        ArrayList<EntityState> loaded = new ArrayList<>((int) Math.min((long) owners.size() * rowsPerOwner, MAX_RESERVE));
        int[] foreignKey = target.indexesOf(relationship.foreignKeyColumns());
        return query(connections, target, relationship.foreignKeyColumns(), byKey.keys(), rowsPerOwner, row -> {
            @Nullable Object[] values = values(target, row, 0);
            EntityState child = loadState(target, row, 0, values, populateExisting);
            Siblings siblings = byKey.get(KeyValues.read(foreignKey, values));
            if (siblings != null) {
                siblings.children.add(child.entity());
                loaded.add(child);
                if (inverse == null) {
                    return;
                }
                if (child.snapshot() == values) {
                    // Made by this row: its many-to-one is neither loaded, expired nor a placeholder yet.
                    Relationships.installReference(child, inverse, siblings.owner.entity());
                } else {
                    installOwner(child, inverse, siblings.owner.entity());
                }
            }
        }).then(Mono.fromSupplier(() -> {
            for (Siblings siblings : byKey.values()) {
                Relationships.install(siblings.owner, relationship, siblings.children);
            }
            relationship.rowsPerOwner(rowsPerOwner(loaded.size(), owners.size()));
            return loaded;
        }));
    }

    /** Rows per owner, rounded up, between 1 and {@link #MAX_ROWS_PER_OWNER}. */
    private static int rowsPerOwner(int rows, int owners) {
        return Math.min(MAX_ROWS_PER_OWNER, Math.max(1, (rows + owners - 1) / Math.max(1, owners)));
    }

    /**
     * The owners of an IN query by key. A query's rows usually come grouped by owner (PostgreSQL reads them through the
     * foreign key's index), so the owner of the previous row is tried before the map.
     */
    private static final class Owners {

        private final Map<Object, Siblings> byKey = new LinkedHashMap<>();

        private @Nullable Object lastKey;

        private @Nullable Siblings last;

        void put(Object key, Siblings siblings) {
            this.byKey.put(key, siblings);
        }

        @Nullable Siblings get(@Nullable Object key) {
            if (key == null) {
                return null;
            }
            if (this.last != null && key.equals(this.lastKey)) {
                return this.last;
            }
            Siblings found = this.byKey.get(key);
            this.lastKey = key;
            this.last = found;
            return found;
        }

        List<Object> keys() {
            return new ArrayList<>(this.byKey.keySet());
        }

        Collection<Siblings> values() {
            return this.byKey.values();
        }
    }

    /** The owner (its state) an IN query's key matched, and the children its rows gave. */
    private record Siblings(EntityState owner, List<Object> children) {

        Siblings(EntityState owner) {
            this(owner, new ArrayList<>());
        }
    }

    /** Sets a child's unloaded many-to-one to its owner, as settling it from its foreign key would. */
    private void installOwner(EntityState state, RelationshipProperty inverse, Object owner) {
        if (state.snapshot() != null && needsLoad(state, inverse) && !(inverse.field().get(state.entity()) instanceof UnloadedReference)) {
            Relationships.installReference(state, inverse, owner);
            state.unexpire(inverse.name());
        }
    }

    private Mono<List<EntityState>> references(Connections connections, RelationshipProperty relationship, List<EntityState> owners,
            boolean populateExisting) {
        EntityMapping<?> target = EntityMappings.of(relationship.target());
        Set<Object> missing = new LinkedHashSet<>();
        for (EntityState owner : owners) {
            Object key = foreignKeyOf(owner, relationship);
            if (key != null && (populateExisting || this.session.get(target.key().identityOfRowKey(key)) == null)) {
                missing.add(key);
            }
        }
        Mono<Void> loads = missing.isEmpty() ? Mono.empty() : query(connections, target, relationship.referencedColumns(),
                new ArrayList<>(missing), 1, row -> loadState(target, row, 0, populateExisting));
        return loads.then(Mono.fromSupplier(() -> {
            Set<EntityState> loaded = Collections.newSetFromMap(new IdentityHashMap<>());
            for (EntityState owner : owners) {
                Object key = foreignKeyOf(owner, relationship);
                EntityState related = key == null ? null : this.session.stateAt(target.key().identityOfRowKey(key));
                Relationships.install(owner, relationship, related == null ? List.of() : List.of(related.entity()));
                owner.unexpire(relationship.name());
                if (related != null) {
                    loaded.add(related);
                }
            }
            return new ArrayList<>(loaded);
        }));
    }

    private static @Nullable Object foreignKeyOf(EntityState owner, RelationshipProperty relationship) {
        return owner.snapshot() == null ? null : relationship.foreignKey(owner.mapping(), owner.snapshot());
    }

    /**
     * The IN queries for the keys, one per at most {@link #IN_BATCH} keys, each row handed to {@code perRow} as it arrives
     * (the row is valid only during the call).
     */
    private Mono<Void> query(Connections connections, EntityMapping<?> target, List<Column<?>> keyColumns, List<Object> keys,
            int rowsPerKey, Consumer<Row> perRow) {
        // Room for every key's rows at once (they are not counted before they become objects): one row per key, or what
        // the last load of the same collection returned per key.
        return Mono.fromRunnable(() -> this.session.reserve((int) Math.min((long) keys.size() * rowsPerKey, MAX_RESERVE)))
                .then(inBatches(keys, batch -> connections.loadEach(target, target.entityType(),
                        InLists.select(target, target::loadSelect, keyColumns, batch.size()), InLists.parameters(keyColumns, batch),
                        PURE_READ, row -> {
                            perRow.accept(row);
                            return null;
                        })));
    }

    /** One load per at most {@link #IN_BATCH} keys, one after the other. */
    private static Mono<Void> inBatches(List<Object> keys, Function<List<Object>, Mono<?>> load) {
        List<List<Object>> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += IN_BATCH) {
            batches.add(keys.subList(i, Math.min(keys.size(), i + IN_BATCH)));
        }
        return Flux.fromIterable(batches).concatMap(load).then();
    }
}
