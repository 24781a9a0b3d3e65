package io.asyncorm.orm.internal;

import io.asyncorm.exception.FlushError;
import io.asyncorm.orm.internal.EntityState.Status;
import io.asyncorm.orm.internal.RelationshipProperty.Direction;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.ForeignKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory half of a flush: cascades saves to objects reached through relationships, turns
 * collection changes into foreign-key changes (or deletions of orphans), and orders the work: mappings
 * in foreign-key order (parents first), and within a self-referential mapping, objects in levels so
 * that each level's parents were written by an earlier level. Runs no SQL.
 */
final class FlushPlan {

    /** A foreign key a one-to-many collection gives one of its elements (the relationship's columns): the owner's, or null. */
    record Assignment(RelationshipProperty relationship, @Nullable Object owner) {
    }

    final List<EntityMapping<?>> order;

    final Map<EntityMapping<?>, List<List<EntityState>>> inserts = new LinkedHashMap<>();

    final Map<EntityMapping<?>, List<EntityState>> updates = new LinkedHashMap<>();

    final Map<EntityMapping<?>, List<List<EntityState>>> deletes = new LinkedHashMap<>();

    final Map<EntityState, List<Assignment>> assignments;

    /** Many-to-one references in a cycle of tables: inserted NULL, written by an UPDATE after the INSERTs. */
    final Set<RelationshipProperty> postUpdates;

    /** Association rows to insert and to delete, in the owning side's orientation. */
    final Set<Link> linkInserts;

    final Set<Link> linkDeletes;

    /**
     * SQLAlchemy's "row switch": a pending object with the key of an object deleted in the same flush takes over its
     * row by an UPDATE (the deleted one is not DELETEd), so rows referring to the key are never cut off.
     */
    final Map<EntityState, EntityState> rowSwitches;

    /** Deleted objects whose association rows go with them. */
    final List<EntityState> associationsOfDeleted;

    /** Whether an object of the session has relationships (else there is nothing to cascade, reconcile or snapshot). */
    final boolean related;

    /** A row of an association table: the owning side's object and its target, compared by identity. */
    static final class Link {
        final RelationshipProperty.Secondary secondary;
        final Object owner;
        final Object target;

        Link(RelationshipProperty.Secondary secondary, Object owner, Object target) {
            this.secondary = secondary;
            this.owner = owner;
            this.target = target;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Link link && link.secondary.table() == this.secondary.table() && link.owner == this.owner
                    && link.target == this.target;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this.secondary.table()) * 961 + System.identityHashCode(this.owner) * 31
                    + System.identityHashCode(this.target);
        }
    }

    /** A plan of the collections {@link #of} computed (taken, not copied: a flush of one object makes few). */
    private FlushPlan(List<EntityMapping<?>> order, Map<EntityState, List<Assignment>> assignments, Set<RelationshipProperty> postUpdates,
            Set<Link> linkInserts, Set<Link> linkDeletes, Map<EntityState, EntityState> rowSwitches, List<EntityState> associationsOfDeleted,
            boolean related) {
        this.related = related;
        this.order = order;
        this.assignments = assignments;
        this.postUpdates = postUpdates;
        this.linkInserts = linkInserts;
        this.linkDeletes = linkDeletes;
        this.rowSwitches = rowSwitches;
        this.associationsOfDeleted = associationsOfDeleted;
    }

    static FlushPlan of(SessionState session) {
        List<EntityState> states = session.states();
        boolean related = false;
        for (EntityState state : states) {
            if (!state.mapping().relationshipList().isEmpty()) {
                related = true;
                break;
            }
        }
        // Objects without relationships have no cascade, collection or association to reconcile: a flush of plain objects
        // (the common write) goes straight to sorting them.
        Map<EntityState, List<Assignment>> assignments = Map.of();
        Set<Link> linkInserts = Set.of();
        Set<Link> linkDeletes = Set.of();
        List<EntityState> associationsOfDeleted = List.of();
        if (related) {
            states = cascade(session, states);
            assignments = new IdentityHashMap<>(4);
            linkInserts = new LinkedHashSet<>();
            linkDeletes = new LinkedHashSet<>();
            associationsOfDeleted = new ArrayList<>();
            reconcile(session, states, assignments, linkInserts, linkDeletes, associationsOfDeleted);
        }
        Map<EntityMapping<?>, List<EntityState>> pending = new LinkedHashMap<>();
        Map<EntityMapping<?>, List<EntityState>> persistent = new LinkedHashMap<>();
        Map<EntityMapping<?>, List<EntityState>> deleted = new LinkedHashMap<>();
        for (EntityState state : states) {
            Map<EntityMapping<?>, List<EntityState>> target = switch (state.status()) {
                case PENDING -> pending;
                case PERSISTENT -> persistent;
                case DELETED -> deleted;
                default -> null;
            };
            if (target == persistent && !assignments.containsKey(state) && !ChangeDetector.isModified(state)) {
                continue;
            }
            if (target != null) {
                target.computeIfAbsent(state.mapping(), m -> new ArrayList<>()).add(state);
            }
        }
        Map<EntityState, EntityState> rowSwitches = rowSwitches(pending, deleted);
        Set<EntityMapping<?>> involved = new LinkedHashSet<>(pending.keySet());
        involved.addAll(persistent.keySet());
        involved.addAll(deleted.keySet());
        // Post-updates exist only between several mappings (a cycle of tables).
        Set<RelationshipProperty> postUpdates = involved.size() > 1 ? new LinkedHashSet<>() : Set.of();
        FlushPlan plan = new FlushPlan(order(involved, postUpdates), assignments, postUpdates, linkInserts, linkDeletes, rowSwitches,
                associationsOfDeleted, related);
        for (EntityMapping<?> mapping : plan.order) {
            if (pending.containsKey(mapping)) {
                plan.inserts.put(mapping, levels(pending.get(mapping), assignments, false));
            }
            if (persistent.containsKey(mapping)) {
                plan.updates.put(mapping, persistent.get(mapping));
            }
            if (deleted.containsKey(mapping)) {
                List<List<EntityState>> levels = levels(deleted.get(mapping), assignments, true);
                Collections.reverse(levels);
                plan.deletes.put(mapping, levels);
            }
        }
        return plan;
    }

    /** The save-update cascade, again at flush: objects attached to relationships since add() join the session. */
    private static List<EntityState> cascade(SessionState session, List<EntityState> states) {
        List<Object> live = new ArrayList<>();
        for (EntityState state : states) {
            if ((state.status() == Status.PENDING || state.status() == Status.PERSISTENT)
                    && !state.mapping().relationshipList().isEmpty()) {
                live.add(state.entity());
            }
        }
        if (live.isEmpty()) {
            return states;
        }
        session.addAll(live);
        return session.states();
    }

    /**
     * Collection changes become foreign-key assignments (or orphan deletes), a deleted object's children let go of it, and
     * many-to-many changes become association rows; objects' statuses change, no object joins the session.
     */
    private static void reconcile(SessionState session, List<EntityState> states, Map<EntityState, List<Assignment>> assignments,
            Set<Link> linkInserts, Set<Link> linkDeletes, List<EntityState> associationsOfDeleted) {
        List<Removal> removals = new ArrayList<>();
        Map<RelationshipProperty, Set<Object>> linked = new IdentityHashMap<>(4);
        for (EntityState state : states) {
            if (state.status() == Status.PENDING || state.status() == Status.PERSISTENT) {
                syncCollections(session, state, assignments, removals, linked);
            }
        }
        for (Removal removal : removals) {
            boolean movedElsewhere = linked.getOrDefault(removal.relationship(), Set.of()).contains(removal.element());
            if (!movedElsewhere || !removal.relationship().isOrphanRemoval()) {
                unlink(session, removal.relationship(), removal.owner(), removal.element(), assignments,
                        removal.relationship().isOrphanRemoval());
            }
        }
        for (EntityState state : states) {
            if (state.status() == Status.DELETED) {
                releaseChildren(session, state, assignments);
            }
        }
        for (EntityState state : states) {
            if (state.status() == Status.PENDING || state.status() == Status.PERSISTENT) {
                syncAssociations(state, linkInserts, linkDeletes);
            } else if (state.status() == Status.DELETED
                    && state.mapping().relationshipList().stream().anyMatch(r -> r.direction() == Direction.MANY_TO_MANY)) {
                associationsOfDeleted.add(state);
            }
        }
        linkInserts.removeIf(link -> deleted(session, link.owner) || deleted(session, link.target));
    }

    /** Pending objects whose key is that of an object deleted in this flush, which then leaves the deletes. */
    private static Map<EntityState, EntityState> rowSwitches(Map<EntityMapping<?>, List<EntityState>> pending,
            Map<EntityMapping<?>, List<EntityState>> deleted) {
        if (deleted.isEmpty() || pending.isEmpty()) {
            return Map.of();
        }
        Map<EntityState, EntityState> switches = new IdentityHashMap<>(4);
        for (Map.Entry<EntityMapping<?>, List<EntityState>> entry : pending.entrySet()) {
            List<EntityState> gone = deleted.get(entry.getKey());
            if (gone == null) {
                continue;
            }
            Map<Object, EntityState> byKey = byKey(gone);
            PrimaryKey id = entry.getKey().key();
            for (EntityState state : entry.getValue()) {
                Object key = id.databaseKeyOf(state.entity());
                EntityState previous = key == null ? null : byKey.remove(key);
                if (previous != null) {
                    switches.put(state, previous);
                    gone.remove(previous);
                }
            }
            if (gone.isEmpty()) {
                deleted.remove(entry.getKey());
            }
        }
        return switches;
    }

    /** An element that left a collection: it loses the owner's key, or is deleted as an orphan. */
    private record Removal(RelationshipProperty relationship, Object owner, Object element) {
    }

    /** Collection changes: elements added get the owner's key now; removals are decided once every addition is known. */
    private static void syncCollections(SessionState session, EntityState state, Map<EntityState, List<Assignment>> assignments,
            List<Removal> removals, Map<RelationshipProperty, Set<Object>> linked) {
        for (RelationshipProperty relationship : state.mapping().relationshipList()) {
            if (relationship.direction() != Direction.ONE_TO_MANY || !Relationships.isLoaded(state.entity(), relationship)) {
                continue;
            }
            List<Object> previous = Relationships.previous(state, relationship);
            List<Object> current = Relationships.related(state.entity(), relationship);
            Set<Object> before = identitySet(previous == null ? List.of() : previous);
            Set<Object> now = identitySet(current);
            for (Object element : current) {
                if (!before.contains(element)) {
                    link(session, relationship, state.entity(), element, assignments);
                    linked.computeIfAbsent(relationship, r -> Collections.newSetFromMap(new IdentityHashMap<>())).add(element);
                }
            }
            for (Object element : before) {
                if (!now.contains(element)) {
                    removals.add(new Removal(relationship, state.entity(), element));
                }
            }
        }
    }

    /** Many-to-many changes become association rows to insert or delete; a row added and removed in one flush cancels out. */
    private static void syncAssociations(EntityState state, Set<Link> inserts, Set<Link> deletes) {
        for (RelationshipProperty relationship : state.mapping().relationshipList()) {
            if (relationship.direction() != Direction.MANY_TO_MANY || !Relationships.isLoaded(state.entity(), relationship)) {
                continue;
            }
            RelationshipProperty owning = relationship.isOwning() ? relationship : relationship.inverse();
            List<Object> previous = Relationships.previous(state, relationship);
            Set<Object> before = identitySet(previous == null ? List.of() : previous);
            Set<Object> now = identitySet(Relationships.related(state.entity(), relationship));
            for (Object element : now) {
                if (!before.contains(element)) {
                    Link link = relationship.isOwning() ? new Link(owning.secondary(), state.entity(), element)
                            : new Link(owning.secondary(), element, state.entity());
                    if (!deletes.remove(link)) {
                        inserts.add(link);
                    }
                }
            }
            for (Object element : before) {
                if (!now.contains(element)) {
                    Link link = relationship.isOwning() ? new Link(owning.secondary(), state.entity(), element)
                            : new Link(owning.secondary(), element, state.entity());
                    if (!inserts.remove(link)) {
                        deletes.add(link);
                    }
                }
            }
        }
    }

    private static boolean deleted(SessionState session, Object entity) {
        EntityState state = session.stateOf(entity);
        return state != null && (state.status() == Status.DELETED || state.status() == Status.DELETED_FLUSHED);
    }

    /** A deleted object's children that are not deleted with it lose their reference to it. */
    private static void releaseChildren(SessionState session, EntityState state, Map<EntityState, List<Assignment>> assignments) {
        for (RelationshipProperty relationship : state.mapping().relationshipList()) {
            if (relationship.direction() != Direction.ONE_TO_MANY) {
                continue;
            }
            List<Object> children = Relationships.isLoaded(state.entity(), relationship) ? Relationships.related(state.entity(), relationship)
                    : Relationships.previous(state, relationship) == null ? List.of() : Relationships.previous(state, relationship);
            for (Object child : children) {
                EntityState childState = session.stateOf(child);
                if (childState != null && childState.status() != Status.DELETED) {
                    unlink(session, relationship, state.entity(), child, assignments, false);
                }
            }
        }
    }

    private static void link(SessionState session, RelationshipProperty relationship, Object owner, Object element,
            Map<EntityState, List<Assignment>> assignments) {
        if (relationship.isOwning()) {
            EntityState elementState = session.stateOf(element);
            assignments.computeIfAbsent(elementState, s -> new ArrayList<>()).add(new Assignment(relationship, owner));
        } else {
            FieldAccess reference = relationship.inverse().field();
            if (reference.get(element) != owner) {
                reference.set(element, owner);
            }
        }
    }

    private static void unlink(SessionState session, RelationshipProperty relationship, Object owner, Object element,
            Map<EntityState, List<Assignment>> assignments, boolean orphanRemoval) {
        EntityState elementState = session.stateOf(element);
        if (elementState == null) {
            return;
        }
        if (orphanRemoval) {
            if (elementState.status() == Status.PERSISTENT || elementState.status() == Status.PENDING) {
                session.markDeleted(element);
            }
            return;
        }
        if (relationship.isOwning()) {
            List<Assignment> existing = assignments.computeIfAbsent(elementState, s -> new ArrayList<>());
            if (existing.stream().noneMatch(a -> a.relationship() == relationship)) {
                existing.add(new Assignment(relationship, null));
            }
        } else {
            FieldAccess reference = relationship.inverse().field();
            if (reference.get(element) == owner) {
                reference.set(element, null);
            }
        }
    }

    /** Mappings in foreign-key order: every mapping after the mappings its table references. */
    private static List<EntityMapping<?>> order(Set<EntityMapping<?>> mappings, Set<RelationshipProperty> postUpdates) {
        if (mappings.size() == 1) {
            // A mapping never waits for itself (a self-reference orders rows in levels, not mappings).
            return List.copyOf(mappings);
        }
        // Several mappings share a table in a hierarchy; a class of a JOINED hierarchy writes several tables.
        Map<String, List<EntityMapping<?>>> byTable = new LinkedHashMap<>();
        mappings.forEach(m -> m.tables().forEach(part -> byTable.computeIfAbsent(part.table().name(), t -> new ArrayList<>()).add(m)));
        List<EntityMapping<?>> ordered = new ArrayList<>();
        Set<EntityMapping<?>> remaining = new LinkedHashSet<>(mappings);
        while (!remaining.isEmpty()) {
            EntityMapping<?> next = null;
            for (EntityMapping<?> candidate : remaining) {
                boolean ready = true;
                for (MappedTable part : candidate.tables()) {
                    for (ForeignKey fk : part.table().foreignKeys()) {
                        for (EntityMapping<?> parent : byTable.getOrDefault(fk.targetTableName(), List.of())) {
                            if (parent.table() != candidate.table() && remaining.contains(parent) && !deferred(candidate, fk, postUpdates)) {
                                ready = false;
                            }
                        }
                    }
                }
                if (ready) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                RelationshipProperty breaker = cycleBreaker(remaining, postUpdates);
                if (breaker == null) {
                    throw new FlushError("The foreign keys of " + remaining + " form a cycle with no nullable reference to break it "
                            + "(a row of each needs the other's key first); make one of the @ManyToOne references optional");
                }
                postUpdates.add(breaker);
                continue;
            }
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }

    /** Whether a foreign key is written after the INSERTs (it belongs to a post-update relationship). */
    private static boolean deferred(EntityMapping<?> mapping, ForeignKey fk, Set<RelationshipProperty> postUpdates) {
        for (RelationshipProperty relationship : postUpdates) {
            if (relationship.owner() == mapping.entityType()
                    && fk.columnNames().equals(relationship.foreignKeyColumns().stream().map(Column::name).toList())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A nullable many-to-one inside a cycle of tables: its rows are inserted with the key NULL and updated
     * once the referenced rows exist (SQLAlchemy's post_update), and set to NULL before deletes.
     */
    private static @Nullable RelationshipProperty cycleBreaker(Set<EntityMapping<?>> remaining, Set<RelationshipProperty> postUpdates) {
        Set<Class<?>> types = new LinkedHashSet<>();
        remaining.forEach(m -> types.add(m.entityType()));
        for (EntityMapping<?> mapping : remaining) {
            for (RelationshipProperty relationship : mapping.relationshipList()) {
                if (relationship.direction() == Direction.MANY_TO_ONE && relationship.target() != mapping.entityType()
                        && types.contains(relationship.target()) && relationship.foreignKeyColumns().stream().allMatch(Column::isNullable)
                        && !postUpdates.contains(relationship)) {
                    return relationship;
                }
            }
        }
        return null;
    }

    /**
     * Objects of one mapping in levels: an object comes after any object of the same mapping it refers
     * to (a parent row), so each level can be written in one batch.
     */
    private static List<List<EntityState>> levels(List<EntityState> states, Map<EntityState, List<Assignment>> assignments,
            boolean deleting) {
        EntityMapping<?> mapping = states.get(0).mapping();
        if (!refersToItself(mapping)) {
            List<List<EntityState>> one = new ArrayList<>(1);
            one.add(states);
            return one;
        }
        Map<Object, EntityState> members = new IdentityHashMap<>();
        states.forEach(s -> members.put(s.entity(), s));
        Map<Object, EntityState> keyed = deleting ? byKey(states) : Map.of();
        Map<EntityState, Set<EntityState>> parents = new IdentityHashMap<>();
        boolean selfReferential = false;
        for (EntityState state : states) {
            Set<EntityState> mine = Collections.newSetFromMap(new IdentityHashMap<>());
            for (RelationshipProperty relationship : state.mapping().relationshipList()) {
                if (relationship.target() != state.mapping().entityType()) {
                    continue;
                }
                selfReferential = true;
                if (relationship.direction() == Direction.MANY_TO_ONE) {
                    EntityState parent = deleting ? keyed.get(foreignKey(state, relationship))
                            : members.get(relationship.field().get(state.entity()));
                    if (parent != null && parent != state) {
                        mine.add(parent);
                    }
                }
            }
            for (Assignment assignment : assignments.getOrDefault(state, List.of())) {
                if (assignment.owner() != null && members.containsKey(assignment.owner()) && assignment.owner() != state.entity()) {
                    mine.add(members.get(assignment.owner()));
                    selfReferential = true;
                }
            }
            parents.put(state, mine);
        }
        if (!selfReferential) {
            return new ArrayList<>(List.of(states));
        }
        List<List<EntityState>> levels = new ArrayList<>();
        Set<EntityState> done = Collections.newSetFromMap(new IdentityHashMap<>());
        List<EntityState> remaining = new ArrayList<>(states);
        while (!remaining.isEmpty()) {
            List<EntityState> level = new ArrayList<>();
            for (EntityState state : remaining) {
                if (done.containsAll(parents.get(state))) {
                    level.add(state);
                }
            }
            if (level.isEmpty()) {
                throw new FlushError("Objects " + remaining + " refer to each other in a cycle; flush one of them first");
            }
            done.addAll(level);
            remaining.removeAll(level);
            levels.add(level);
        }
        return levels;
    }

    private static boolean refersToItself(EntityMapping<?> mapping) {
        for (RelationshipProperty relationship : mapping.relationshipList()) {
            if (relationship.target() == mapping.entityType()) {
                return true;
            }
        }
        return false;
    }

    /** Deleted objects by their key's database value, to find parents from foreign keys (references may be unloaded). */
    private static Map<Object, EntityState> byKey(List<EntityState> states) {
        Map<Object, EntityState> byKey = new java.util.HashMap<>();
        for (EntityState state : states) {
            if (state.snapshot() != null) {
                byKey.put(state.mapping().key().rowKey(state.snapshot()), state);
            }
        }
        return byKey;
    }

    private static @Nullable Object foreignKey(EntityState state, RelationshipProperty relationship) {
        return state.snapshot() == null ? null : relationship.foreignKey(state.mapping(), state.snapshot());
    }

    private static Set<Object> identitySet(List<Object> objects) {
        Set<Object> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(objects);
        return set;
    }

    boolean isEmpty() {
        return this.inserts.isEmpty() && this.deletes.isEmpty() && this.updates.isEmpty() && this.linkInserts.isEmpty()
                && this.linkDeletes.isEmpty();
    }
}
