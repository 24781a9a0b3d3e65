package io.asyncorm.orm.internal;

import io.asyncorm.exception.FlushError;
import io.asyncorm.internal.Steps;
import io.asyncorm.orm.internal.ColumnProperty.Generation;
import io.asyncorm.orm.internal.EntityState.Status;
import io.asyncorm.orm.internal.FlushEvents.Phase;
import io.asyncorm.orm.internal.FlushPlan.Assignment;
import io.asyncorm.orm.internal.RelationshipProperty.Direction;
import io.asyncorm.result.Row;
import io.asyncorm.sql.BulkUpdate;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Insert;
import io.asyncorm.sql.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL half of a flush: batched INSERTs per mapping and level (one statement per batch, through the
 * Core's insertmanyvalues: {@code unnest} arrays on PostgreSQL, multi-row VALUES elsewhere), with
 * generated keys and server defaults read back by RETURNING; UPDATEs grouped by the set of changed
 * columns; DELETEs in reverse order. Foreign keys are copied from related objects just before each
 * object is written, when their keys are known. Every UPDATE and versioned DELETE checks its row count.
 */
final class FlushExecutor {

    private static final String KEY_PARAMETER = "pk__id";

    private static final String VERSION_PARAMETER = "pk__version";

    /** A foreign key of a cycle of tables, to write once its target's row exists. */
    private record Deferred(EntityState state, RelationshipProperty relationship, Object target) {
    }

    private final List<Deferred> deferred = new ArrayList<>();

    /** Deleted objects already deleted before their mapping's writes (they gave a unique value to another row). */
    private final Set<EntityState> deletedEarly = Collections.newSetFromMap(new IdentityHashMap<>(0));

    private final SessionState session;

    private final Connections connections;

    private final FlushEvents events;

    private final FlushPlan plan;

    FlushExecutor(SessionState session, Connections connections, FlushEvents events, FlushPlan plan) {
        this.session = session;
        this.connections = connections;
        this.events = events;
        this.plan = plan;
    }

    /** Whether a phase's event has anyone to run for a mapping's objects, as the step that would fire it is planned. */
    private boolean listens(Phase phase, EntityMapping<?> mapping) {
        return this.events.listens(phase, mapping);
    }

    private Mono<Void> fire(Phase phase, EntityMapping<?> mapping, List<EntityState> states) {
        if (states.isEmpty()) {
            return Mono.empty();
        }
        List<Object> entities = new ArrayList<>(states.size());
        states.forEach(state -> entities.add(state.entity()));
        return this.events.fire(phase, mapping, entities);
    }

    /** The writes in order; a stage with nothing to do (no post-update, association, cycle or delete) costs no operator. */
    Mono<Void> run() {
        Mono<Void> writes = Steps.sequence(
                () -> Steps.each(this.plan.order, this::write),
                // Foreign keys are held back only for post-update relationships (a cycle of tables).
                this.plan.postUpdates.isEmpty() ? null : () -> this.deferred.isEmpty() ? Mono.empty() : postUpdates(),
                this.plan.linkDeletes.isEmpty() && this.plan.linkInserts.isEmpty() && this.plan.associationsOfDeleted.isEmpty()
                        ? null : this::associations,
                this.plan.deletes.isEmpty() ? null : () -> Steps.then(releaseCycles(), this::deletes));
        // Collections to snapshot exist only where a relationship does.
        return this.plan.related ? Steps.thenRun(writes, this::finish) : writes;
    }

    /** The DELETEs, children's mappings first; those a unique move deleted early are done. */
    private Mono<Void> deletes() {
        List<EntityMapping<?>> reversed = new ArrayList<>(this.plan.order);
        Collections.reverse(reversed);
        return Flux.fromIterable(reversed)
                .concatMap(mapping -> Flux.fromIterable(this.plan.deletes.getOrDefault(mapping, List.of()))
                        .map(level -> level.stream().filter(state -> !this.deletedEarly.contains(state)).toList())
                        .filter(level -> !level.isEmpty())
                        .concatMap(this::delete))
                .then();
    }

    /**
     * One mapping's deletes that must go first, UPDATEs and INSERTs. A table's UPDATEs go before its INSERTs (a unique
     * key moving from an old row to a new one, as in a one-to-one replacement), except those pointing at a row the same
     * flush inserts into the table; unique values moving between rows are ordered by {@link UniqueMoves}.
     */
    private Mono<Void> write(EntityMapping<?> mapping) {
        List<EntityState> updates = this.plan.updates.getOrDefault(mapping, List.of());
        List<List<EntityState>> inserts = this.plan.inserts.getOrDefault(mapping, List.of());
        List<EntityState> afterInserts = inserts.isEmpty() ? List.of() : updates.stream().filter(this::referencesRowToInsert).toList();
        List<EntityState> beforeInserts = new ArrayList<>(updates.size());
        for (EntityState state : updates) {
            if (state.status() == Status.PERSISTENT && !afterInserts.contains(state)) {
                beforeInserts.add(state);
            }
        }
        // Only a table with unique constraints can have values moving between its rows (W3 inserts 10,000).
        boolean uniques = !mapping.table().uniqueConstraints().isEmpty();
        // Steps known to have nothing to do are left out now (null), so the one before them needs no defer.
        return Steps.sequence(
                beforeInserts.isEmpty() && !uniques ? null : () -> Steps.then(fire(Phase.BEFORE_UPDATE, mapping, beforeInserts),
                        () -> updateBeforeInserts(mapping, beforeInserts, inserts, uniques)),
                inserts.isEmpty() ? null : () -> Steps.each(inserts, this::insert),
                afterInserts.isEmpty() ? null : () -> update(mapping, afterInserts));
    }

    /** The UPDATEs that go before a mapping's INSERTs, unique values moving between rows in an order that lets them. */
    private Mono<Void> updateBeforeInserts(EntityMapping<?> mapping, List<EntityState> beforeInserts, List<List<EntityState>> inserts,
            boolean uniques) {
        List<UniqueMoves.Change> changes = changes(beforeInserts);
        List<EntityState> updated = new ArrayList<>(changes.size());
        changes.forEach(change -> updated.add(change.state()));
        List<@Nullable Object[]> inserted = new ArrayList<>();
        List<EntityState> deleted = new ArrayList<>();
        if (uniques) {
            inserts.forEach(level -> level.forEach(state -> inserted.add(knownValues(state))));
            this.plan.deletes.getOrDefault(mapping, List.of()).forEach(deleted::addAll);
        }
        UniqueMoves moves = UniqueMoves.plan(mapping, changes, inserted, deleted, this::referenced);
        this.deletedEarly.addAll(moves.earlyDeletes);
        return Steps.sequence(
                moves.earlyDeletes.isEmpty() ? null : () -> delete(moves.earlyDeletes),
                moves.releases.isEmpty() ? null : () -> release(mapping, moves.releases),
                () -> Steps.each(moves.levels, level -> updateRows(mapping, level)),
                listens(Phase.AFTER_UPDATE, mapping) ? () -> fire(Phase.AFTER_UPDATE, mapping, updated) : null);
    }

    /** The objects' new values and changed columns, those without a change left out (their foreign keys applied). */
    private List<UniqueMoves.Change> changes(List<EntityState> states) {
        List<UniqueMoves.Change> changes = new ArrayList<>();
        for (EntityState state : states) {
            @Nullable Object[] values = ChangeDetector.current(state);
            applyForeignKeys(state, values);
            List<Integer> changed = ChangeDetector.changed(state, values);
            if (!changed.isEmpty()) {
                changes.add(new UniqueMoves.Change(state, values, changed));
            }
        }
        return changes;
    }

    /** A pending object's column values as far as they are known before it is written (keys of rows not yet written are not). */
    private @Nullable Object[] knownValues(EntityState state) {
        @Nullable Object[] values = ChangeDetector.current(state);
        for (RelationshipProperty relationship : state.mapping().relationshipList()) {
            if (relationship.direction() == Direction.MANY_TO_ONE) {
                Object target = relationship.field().get(state.entity());
                relationship.putForeignKey(state.mapping(), values, knownKey(target));
            }
        }
        for (Assignment assignment : this.plan.assignments.getOrDefault(state, List.of())) {
            assignment.relationship().putForeignKey(state.mapping(), values, knownKey(assignment.owner()));
        }
        return values;
    }

    private @Nullable Object knownKey(@Nullable Object target) {
        if (target == null || target instanceof UnloadedReference) {
            return null;
        }
        return this.session.mapping(target).key().databaseKeyOf(target);
    }

    /** Whether an object of the session (other than one deleted with it) still refers to a deleted object's row. */
    private boolean referenced(EntityState deleted) {
        Object key = deleted.mapping().key().rowKey(deleted.snapshot());
        for (EntityState state : this.session.states()) {
            if (state == deleted || state.status() == Status.DETACHED || state.status() == Status.DELETED_FLUSHED) {
                continue;
            }
            for (RelationshipProperty relationship : state.mapping().relationshipList()) {
                if (relationship.direction() != Direction.MANY_TO_ONE || relationship.target() != deleted.mapping().entityType()) {
                    continue;
                }
                if (relationship.field().get(state.entity()) == deleted.entity()
                        || state.snapshot() != null && Objects.equals(relationship.foreignKey(state.mapping(), state.snapshot()), key)) {
                    return true;
                }
            }
            for (Assignment assignment : this.plan.assignments.getOrDefault(state, List.of())) {
                if (assignment.owner() == deleted.entity()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sets unique columns to NULL in the rows that give their value to another row of this flush. */
    private Mono<Void> release(EntityMapping<?> mapping, Map<List<Integer>, List<EntityState>> releases) {
        return Flux.fromIterable(releases.entrySet()).concatMap(entry -> {
            List<Column<?>> columns = new ArrayList<>();
            entry.getKey().forEach(index -> columns.add(mapping.columns().get(index).column()));
            List<Map<String, ?>> parameters = new ArrayList<>();
            for (EntityState state : entry.getValue()) {
                Map<String, @Nullable Object> row = new HashMap<>();
                columns.forEach(column -> row.put(column.name(), null));
                mapping.key().bind(row, KEY_PARAMETER, state.snapshot());
                parameters.add(row);
            }
            BulkUpdate update = BulkUpdate.of(mapping.table(), columns, mapping.key().match(KEY_PARAMETER));
            return this.connections.of(mapping).flatMap(conn -> conn.execute(update, parameters))
                    .doOnNext(result -> FlushValues.checkCount("UPDATE", mapping, parameters.size(), result));
        }).then();
    }

    private Mono<Void> insert(List<EntityState> level) {
        EntityMapping<?> mapping = level.get(0).mapping();
        return Steps.sequence(
                () -> fire(Phase.BEFORE_INSERT, mapping, level),
                () -> sequenceKeys(level),
                () -> insertRows(level),
                listens(Phase.AFTER_INSERT, mapping) ? () -> fire(Phase.AFTER_INSERT, mapping, level) : null);
    }

    /** Draws keys from the id's sequence for the objects without one: one statement for the whole level. */
    private Mono<Void> sequenceKeys(List<EntityState> level) {
        ColumnProperty id = level.get(0).mapping().key().generated();
        if (id == null || id.generation() != Generation.SEQUENCE) {
            return Mono.empty();
        }
        List<EntityState> keyless = level.stream().filter(state -> id.field().get(state.entity()) == null).toList();
        if (keyless.isEmpty()) {
            return Mono.empty();
        }
        Class<?> type = EntityMapping.boxed(id.field().type());
        return this.connections.of(level.get(0).mapping()).flatMap(conn -> conn.execute(id.sequence().nextValues(keyless.size())))
                .doOnNext(result -> {
            List<Row> rows = result.all();
            for (int i = 0; i < keyless.size(); i++) {
                long value = ((Number) rows.get(i).get(0)).longValue();
                Object key = type == Long.class ? (Object) value : type == Integer.class ? (Object) Math.toIntExact(value)
                        : (Object) (short) value;
                id.field().set(keyless.get(i).entity(), key);
                keyless.get(i).insertedInTransaction(false, key);
            }
        }).then();
    }

    private Mono<Void> insertRows(List<EntityState> all) {
        List<EntityState> switches = all.stream().filter(this.plan.rowSwitches::containsKey).toList();
        List<EntityState> level = switches.isEmpty() ? all : all.stream().filter(state -> !this.plan.rowSwitches.containsKey(state)).toList();
        Mono<Void> switched = switches.isEmpty() ? Mono.empty() : switchRows(switches);
        return level.isEmpty() ? switched : Steps.then(switched, () -> insertNewRows(level));
    }

    /**
     * Pending objects taking over the rows of deleted objects with their keys: an UPDATE of the columns that differ from
     * the deleted object's row (version checked and advanced), then the deleted object is gone and the pending one
     * persistent, as after an INSERT.
     */
    private Mono<Void> switchRows(List<EntityState> switches) {
        EntityMapping<?> mapping = switches.get(0).mapping();
        return Mono.defer(() -> {
            List<UniqueMoves.Change> changes = new ArrayList<>();
            for (EntityState state : switches) {
                state.snapshot(this.plan.rowSwitches.get(state).snapshot().clone());
                @Nullable Object[] values = ChangeDetector.current(state);
                applyForeignKeys(state, values);
                List<Integer> changed = ChangeDetector.changed(state, values);
                if (changed.isEmpty()) {
                    state.snapshot(values);
                } else {
                    changes.add(new UniqueMoves.Change(state, values, changed));
                }
            }
            return updateRows(mapping, changes);
        }).then(Mono.fromRunnable(() -> {
            for (EntityState state : switches) {
                this.session.deletedFlushed(this.plan.rowSwitches.get(state));
                this.session.inserted(state, mapping.key().ofRow(state.snapshot(), 0), null);
            }
        }));
    }

    private Mono<Void> insertNewRows(List<EntityState> level) {
        EntityMapping<?> mapping = level.get(0).mapping();
        List<ColumnProperty> columns = mapping.columns();
        Map<String, List<Pending>> groups = new LinkedHashMap<>();
        for (EntityState state : level) {
            @Nullable Object[] values = ChangeDetector.current(state);
            applyForeignKeys(state, values);
            FlushValues.discriminator(state, values);
            Object generated = FlushValues.generateKey(state, values);
            if (generated == null) {
                generated = state.generatedKey();
            }
            FlushValues.initialVersion(state, values);
            StringBuilder shape = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                shape.append(FlushValues.included(columns.get(i), values[i]) ? '1' : '0');
            }
            groups.computeIfAbsent(shape.toString(), k -> new ArrayList<>()).add(new Pending(state, values, generated));
        }
        return Steps.each(List.copyOf(groups.values()), group -> Steps.thenRun(
                Steps.each(mapping.tables(), part -> insertInto(mapping, part, group)),
                () -> {
                    for (Pending pending : group) {
                        pending.state.snapshot(pending.values);
                        this.session.inserted(pending.state, mapping.key().ofRow(pending.values, 0), pending.generated);
                    }
                }));
    }

    /**
     * One INSERT of a group of objects into one of their tables, reading back generated keys and server defaults. The
     * tables of a JOINED subclass come after the root's, their key columns taking the key the root's INSERT settled.
     */
    private Mono<Void> insertInto(EntityMapping<?> mapping, MappedTable part, List<Pending> group) {
        List<ColumnProperty> columns = mapping.columns();
        if (part != mapping.tables().get(0)) {
            List<Integer> keyIndexes = part.keyColumns().stream().map(mapping::indexOf).toList();
            for (Pending pending : group) {
                Object key = mapping.key().rowKey(pending.values);
                for (int i = 0; i < keyIndexes.size(); i++) {
                    FlushValues.setColumn(pending.state, pending.values, keyIndexes.get(i), KeyValues.part(key, i, keyIndexes.size()));
                }
            }
        }
        @Nullable Object[] first = group.get(0).values;
        List<Column<?>> returning = new ArrayList<>();
        List<Integer> returnedIndexes = new ArrayList<>();
        for (int i : part.indexes()) {
            if (!FlushValues.included(columns.get(i), first[i]) && (columns.get(i).isId() || columns.get(i).hasServerDefault())) {
                returning.add(columns.get(i).column());
                returnedIndexes.add(i);
            }
        }
        List<Map<String, ?>> parameters = new ArrayList<>(group.size());
        for (Pending pending : group) {
            Map<String, @Nullable Object> row = new HashMap<>();
            for (int i : part.indexes()) {
                if (FlushValues.included(columns.get(i), pending.values[i])) {
                    row.put(columns.get(i).column().name(), pending.values[i]);
                }
            }
            parameters.add(row);
        }
        Insert statement = part.insert(returning);
        return this.connections.of(mapping).flatMap(conn -> conn.execute(statement, parameters)).doOnNext(result -> {
            if (returning.isEmpty()) {
                return;
            }
            List<Row> rows = result.all();
            if (rows.size() != group.size()) {
                throw new FlushError("INSERT into " + part.table().name() + " returned " + rows.size() + " rows for " + group.size()
                        + " objects");
            }
            for (int r = 0; r < group.size(); r++) {
                Pending pending = group.get(r);
                for (int c = 0; c < returning.size(); c++) {
                    int index = returnedIndexes.get(c);
                    Object value = rows.get(r).get(c, returning.get(c));
                    FlushValues.setColumn(pending.state, pending.values, index, value);
                    if (columns.get(index).isId()) {
                        pending.generated = value;
                    }
                }
            }
        }).then();
    }

    /** An object being inserted, with its column values. */
    private static final class Pending {
        final EntityState state;
        final @Nullable Object[] values;
        @Nullable Object generated;

        Pending(EntityState state, @Nullable Object[] values, @Nullable Object generated) {
            this.state = state;
            this.values = values;
            this.generated = generated;
        }
    }

    /** Whether an object to update refers to an object of its own table that this flush inserts (its key comes first). */
    private boolean referencesRowToInsert(EntityState state) {
        for (RelationshipProperty relationship : state.mapping().relationshipList()) {
            if (relationship.direction() == Direction.MANY_TO_ONE && pendingOfSameTable(state, relationship.field().get(state.entity()))) {
                return true;
            }
        }
        for (Assignment assignment : this.plan.assignments.getOrDefault(state, List.of())) {
            if (pendingOfSameTable(state, assignment.owner())) {
                return true;
            }
        }
        return false;
    }

    private boolean pendingOfSameTable(EntityState state, @Nullable Object target) {
        EntityState targetState = target == null ? null : this.session.stateOf(target);
        return targetState != null && targetState.status() == Status.PENDING && targetState.mapping() == state.mapping();
    }

    /** Writes the foreign keys held back by a cycle of tables, one statement per relationship. */
    private Mono<Void> postUpdates() {
        Map<RelationshipProperty, List<Deferred>> byRelationship = new LinkedHashMap<>();
        this.deferred.forEach(d -> byRelationship.computeIfAbsent(d.relationship(), r -> new ArrayList<>()).add(d));
        return Flux.fromIterable(byRelationship.entrySet()).concatMap(entry -> {
            List<Deferred> rows = entry.getValue();
            EntityMapping<?> mapping = rows.get(0).state().mapping();
            List<Column<?>> foreignKey = entry.getKey().foreignKeyColumns();
            List<Map<String, ?>> parameters = new ArrayList<>();
            for (Deferred row : rows) {
                Map<String, @Nullable Object> values = new HashMap<>();
                Object key = keyOf(row.target(), row.state());
                for (int i = 0; i < foreignKey.size(); i++) {
                    values.put(foreignKey.get(i).name(), KeyValues.part(key, i, foreignKey.size()));
                }
                mapping.key().bind(values, KEY_PARAMETER, row.state().snapshot());
                parameters.add(values);
            }
            MappedTable part = mapping.tableOf(foreignKey.get(0));
            BulkUpdate update = BulkUpdate.of(part.table(), foreignKey, part.match(KEY_PARAMETER));
            return this.connections.of(mapping).flatMap(conn -> conn.execute(update, parameters)).doOnNext(result -> {
                FlushValues.checkCount("UPDATE", mapping, parameters.size(), result);
                for (int i = 0; i < rows.size(); i++) {
                    @Nullable Object[] snapshot = rows.get(i).state().snapshot().clone();
                    for (Column<?> column : foreignKey) {
                        FlushValues.setColumn(rows.get(i).state(), snapshot, mapping.indexOf(column), parameters.get(i).get(column.name()));
                    }
                    rows.get(i).state().flushed(snapshot);
                }
            });
        }).then();
    }

    /** Before deletes: rows to delete that hold a key of a cycle of tables lose it, so that the other side can go first. */
    private Mono<Void> releaseCycles() {
        Map<RelationshipProperty, List<EntityState>> holding = new LinkedHashMap<>();
        for (List<List<EntityState>> levels : this.plan.deletes.values()) {
            for (List<EntityState> level : levels) {
                for (EntityState state : level) {
                    for (RelationshipProperty relationship : state.mapping().relationshipList()) {
                        if (this.plan.postUpdates.contains(relationship)
                                && relationship.foreignKey(state.mapping(), state.snapshot()) != null) {
                            holding.computeIfAbsent(relationship, r -> new ArrayList<>()).add(state);
                        }
                    }
                }
            }
        }
        return Flux.fromIterable(holding.entrySet()).concatMap(entry -> {
            EntityMapping<?> mapping = entry.getValue().get(0).mapping();
            List<Column<?>> foreignKey = entry.getKey().foreignKeyColumns();
            List<Map<String, ?>> parameters = new ArrayList<>();
            for (EntityState state : entry.getValue()) {
                Map<String, @Nullable Object> values = new HashMap<>();
                foreignKey.forEach(column -> values.put(column.name(), null));
                mapping.key().bind(values, KEY_PARAMETER, state.snapshot());
                parameters.add(values);
            }
            MappedTable part = mapping.tableOf(foreignKey.get(0));
            BulkUpdate update = BulkUpdate.of(part.table(), foreignKey, part.match(KEY_PARAMETER));
            return this.connections.of(mapping).flatMap(conn -> conn.execute(update, parameters));
        }).then();
    }

    /** Association rows: those removed (and those of deleted objects) first, then those added. */
    private Mono<Void> associations() {
        Map<RelationshipProperty.Secondary, List<Map<String, ?>>> deletes = new LinkedHashMap<>();
        Map<RelationshipProperty.Secondary, List<Map<String, ?>>> inserts = new LinkedHashMap<>();
        Map<RelationshipProperty.Secondary, EntityMapping<?>> owners = new LinkedHashMap<>();
        this.plan.linkDeletes.forEach(link -> deletes.computeIfAbsent(link.secondary, k -> new ArrayList<>()).add(linkRow(link)));
        this.plan.linkInserts.forEach(link -> inserts.computeIfAbsent(link.secondary, k -> new ArrayList<>()).add(linkRow(link)));
        this.plan.linkDeletes.forEach(link -> owners.putIfAbsent(link.secondary, this.session.mapping(link.owner)));
        this.plan.linkInserts.forEach(link -> owners.putIfAbsent(link.secondary, this.session.mapping(link.owner)));
        Mono<Void> ofDeleted = Flux.fromIterable(this.plan.associationsOfDeleted).concatMap(state -> Flux.fromIterable(
                state.mapping().relationshipList()).filter(r -> r.direction() == Direction.MANY_TO_MANY).concatMap(relationship -> {
                    List<Column<?>> columns = foreignKeys(relationship.secondary().ownerColumns());
                    Object key = state.mapping().key().rowKey(state.snapshot());
                    EntityMapping<?> owning = relationship.isOwning() ? state.mapping() : EntityMappings.of(relationship.target());
                    return this.connections.of(owning).flatMap(conn -> conn.execute(Sql.delete(relationship.secondary().table())
                            .where(KeyValues.in(columns, List.of(key)))));
                })).then();
        return Flux.fromIterable(deletes.entrySet()).concatMap(entry -> {
            List<Expression<Boolean>> match = new ArrayList<>();
            List<Column<?>> columns = new ArrayList<>(foreignKeys(entry.getKey().ownerColumns()));
            columns.addAll(foreignKeys(entry.getKey().targetColumns()));
            columns.forEach(column -> match.add(column.eq(FlushValues.typedParameter(column.name(), column))));
            return this.connections.of(owners.get(entry.getKey())).flatMap(conn -> conn.execute(Sql.delete(entry.getKey().table())
                    .where(Sql.and(match)), entry.getValue()));
        }).then(ofDeleted).thenMany(Flux.fromIterable(inserts.entrySet())
                .concatMap(entry -> this.connections.of(owners.get(entry.getKey()))
                        .flatMap(conn -> conn.execute(Sql.insert(entry.getKey().table()), entry.getValue())))).then();
    }

    private Map<String, ?> linkRow(FlushPlan.Link link) {
        Map<String, @Nullable Object> row = new HashMap<>();
        EntityState owner = this.session.stateOf(link.owner);
        putKey(row, foreignKeys(link.secondary.ownerColumns()), keyOf(link.owner, owner));
        putKey(row, foreignKeys(link.secondary.targetColumns()), keyOf(link.target, owner));
        return row;
    }

    private static List<Column<?>> foreignKeys(List<RelationshipProperty.ColumnPair> pairs) {
        return pairs.stream().<Column<?>>map(RelationshipProperty.ColumnPair::foreignKey).toList();
    }

    private static void putKey(Map<String, @Nullable Object> row, List<Column<?>> columns, @Nullable Object key) {
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i).name(), KeyValues.part(key, i, columns.size()));
        }
    }

    private Mono<Void> update(EntityMapping<?> mapping, List<EntityState> states) {
        List<EntityState> modified = states.stream().filter(state -> state.status() == Status.PERSISTENT).toList();
        List<EntityState> updated = new ArrayList<>();
        return Steps.sequence(
                () -> fire(Phase.BEFORE_UPDATE, mapping, modified),
                () -> {
                    List<UniqueMoves.Change> changes = changes(modified);
                    changes.forEach(change -> updated.add(change.state()));
                    return updateRows(mapping, changes);
                },
                listens(Phase.AFTER_UPDATE, mapping) ? () -> fire(Phase.AFTER_UPDATE, mapping, updated) : null);
    }

    /**
     * UPDATEs grouped by the set of changed columns, one statement per group and table (the root's first); versions
     * checked and advanced, in the root's table even when only another table of a JOINED class changed.
     */
    private Mono<Void> updateRows(EntityMapping<?> mapping, List<UniqueMoves.Change> changes) {
        Map<List<Integer>, List<Pending>> groups = new LinkedHashMap<>();
        for (UniqueMoves.Change change : changes) {
            groups.computeIfAbsent(change.changed(), k -> new ArrayList<>()).add(new Pending(change.state(), change.values(), null));
        }
        ColumnProperty version = mapping.version();
        int versionIndex = version == null ? -1 : mapping.indexOf(version.column());
        return Steps.each(List.copyOf(groups.entrySet()), group -> {
            if (version != null) {
                for (Pending pending : group.getValue()) {
                    pending.values[versionIndex] = FlushValues.nextVersion(pending.state.snapshot()[versionIndex]);
                }
            }
            return Steps.thenRun(
                    Steps.each(mapping.tables(), part -> updateTable(mapping, part, group.getKey(), group.getValue())),
                    () -> {
                        for (Pending pending : group.getValue()) {
                            if (version != null) {
                                version.field().set(pending.state.entity(), version.fromDatabase(pending.values[versionIndex]));
                            }
                            pending.state.flushed(pending.values);
                        }
                    });
        });
    }

    /** The UPDATE of one table for a group of objects whose {@code changed} columns differ, if the table holds any. */
    private Mono<Void> updateTable(EntityMapping<?> mapping, MappedTable part, List<Integer> changed, List<Pending> group) {
        ColumnProperty version = mapping.version();
        int versionIndex = version == null ? -1 : mapping.indexOf(version.column());
        boolean versioned = version != null && part.indexes().contains(versionIndex);
        // One table holds every column of its mapping.
        List<Integer> here = mapping.tables().size() == 1 ? changed : changed.stream().filter(part.indexes()::contains).toList();
        if (here.isEmpty() && !versioned) {
            return Mono.empty();
        }
        List<Column<?>> set = new ArrayList<>(here.size() + 1);
        here.forEach(index -> set.add(mapping.columns().get(index).column()));
        Map<String, Column<?>> match = part.match(KEY_PARAMETER);
        if (versioned) {
            set.add(version.column());
            match = new LinkedHashMap<>(match);
            match.put(VERSION_PARAMETER, version.column());
        }
        BulkUpdate update = part.update(set, match);
        List<Map<String, ?>> parameters = new ArrayList<>();
        for (Pending pending : group) {
            Map<String, @Nullable Object> row = new HashMap<>();
            here.forEach(index -> row.put(mapping.columns().get(index).column().name(), pending.values[index]));
            mapping.key().bind(row, KEY_PARAMETER, pending.state.snapshot());
            if (versioned) {
                row.put(VERSION_PARAMETER, pending.state.snapshot()[versionIndex]);
                row.put(version.column().name(), pending.values[versionIndex]);
            }
            parameters.add(row);
        }
        return this.connections.of(mapping).flatMap(conn -> conn.execute(update, parameters))
                .doOnNext(result -> FlushValues.checkCount("UPDATE", mapping, parameters.size(), result)).then();
    }

    private Mono<Void> delete(List<EntityState> level) {
        EntityMapping<?> mapping = level.get(0).mapping();
        return fire(Phase.BEFORE_DELETE, mapping, level).then(Mono.defer(() -> deleteRows(level)))
                .then(Mono.defer(() -> fire(Phase.AFTER_DELETE, mapping, level)));
    }

    /** DELETEs of a level's rows from each of their tables, the root's last; the version is checked in the root's. */
    private Mono<Void> deleteRows(List<EntityState> level) {
        EntityMapping<?> mapping = level.get(0).mapping();
        List<MappedTable> tables = new ArrayList<>(mapping.tables());
        Collections.reverse(tables);
        return Flux.fromIterable(tables).concatMap(part -> deleteFrom(mapping, part, level))
                .then(Mono.fromRunnable(() -> level.forEach(this.session::deletedFlushed)));
    }

    private Mono<Void> deleteFrom(EntityMapping<?> mapping, MappedTable part, List<EntityState> level) {
        ColumnProperty version = mapping.version();
        if (version != null && part.indexes().contains(mapping.indexOf(version.column()))) {
            int versionIndex = mapping.indexOf(version.column());
            List<Map<String, ?>> parameters = new ArrayList<>();
            for (EntityState state : level) {
                Map<String, @Nullable Object> row = new HashMap<>();
                mapping.key().bind(row, KEY_PARAMETER, state.snapshot());
                row.put(VERSION_PARAMETER, state.snapshot()[versionIndex]);
                parameters.add(row);
            }
            return this.connections.of(mapping).flatMap(conn -> conn.execute(Sql.delete(part.table())
                    .where(part.equalsParameters(KEY_PARAMETER),
                            version.column().eq(FlushValues.typedParameter(VERSION_PARAMETER, version.column()))), parameters))
                    .doOnNext(result -> FlushValues.checkCount("DELETE", mapping, parameters.size(), result)).then();
        }
        List<Object> keys = new ArrayList<>();
        level.forEach(state -> keys.add(mapping.key().rowKey(state.snapshot())));
        List<List<Object>> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += EntityLoader.IN_BATCH) {
            batches.add(keys.subList(i, Math.min(keys.size(), i + EntityLoader.IN_BATCH)));
        }
        return Flux.fromIterable(batches)
                .concatMap(batch -> this.connections.of(mapping)
                        .flatMap(conn -> conn.execute(Sql.delete(part.table()).where(part.in(batch)))))
                .then();
    }

    /** Copies foreign keys from changed references and from collections that gained or lost the object. */
    private void applyForeignKeys(EntityState state, @Nullable Object[] values) {
        for (RelationshipProperty relationship : state.mapping().relationshipList()) {
            if (relationship.direction() != Direction.MANY_TO_ONE) {
                continue;
            }
            Object target = relationship.field().get(state.entity());
            boolean changed = state.hasReferenceSnapshot(relationship.name()) ? target != state.referenceSnapshot(relationship.name())
                    : target != null;
            if (!changed) {
                continue;
            }
            EntityState targetState = target == null ? null : this.session.stateOf(target);
            if (this.plan.postUpdates.contains(relationship) && targetState != null && targetState.status() == Status.PENDING) {
                // In a cycle of tables: written NULL now, and by an UPDATE once the target's row exists.
                setForeignKey(state, values, relationship, null);
                this.deferred.add(new Deferred(state, relationship, target));
            } else {
                setForeignKey(state, values, relationship, keyOf(target, state));
            }
        }
        for (Assignment assignment : this.plan.assignments.getOrDefault(state, List.of())) {
            setForeignKey(state, values, assignment.relationship(), keyOf(assignment.owner(), state));
        }
    }

    /** Writes a key into an object's foreign-key columns, and into the fields that map the same columns. */
    private static void setForeignKey(EntityState state, @Nullable Object[] values, RelationshipProperty relationship,
            @Nullable Object key) {
        List<Column<?>> columns = relationship.foreignKeyColumns();
        for (int i = 0; i < columns.size(); i++) {
            FlushValues.setColumn(state, values, state.mapping().indexOf(columns.get(i)), KeyValues.part(key, i, columns.size()));
        }
    }

    private @Nullable Object keyOf(@Nullable Object target, EntityState referrer) {
        if (target == null) {
            return null;
        }
        if (target instanceof UnloadedReference placeholder) {
            return this.session.mapping(target.getClass().getSuperclass()).key().rowKeyOfIdentity(placeholder.asyncOrmKey());
        }
        Object key = this.session.mapping(target).key().databaseKeyOf(target);
        if (key == null) {
            throw new FlushError(SessionState.describe(referrer.entity()) + " refers to " + SessionState.describe(target)
                    + ", which has no primary key yet and is not being inserted before it; add it to the session");
        }
        return key;
    }

    private void finish() {
        for (EntityState state : this.session.states()) {
            if (state.status() == Status.PERSISTENT) {
                state.mapping().relationshipList().forEach(relationship -> Relationships.snapshot(state, relationship));
            }
        }
    }
}
