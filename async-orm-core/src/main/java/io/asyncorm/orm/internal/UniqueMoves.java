package io.asyncorm.orm.internal;

import io.asyncorm.sql.Column;
import io.asyncorm.sql.UniqueConstraint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How one mapping's writes in a flush let unique values move between its rows, as the database checks each unique
 * constraint row by row: a row being deleted whose value an insert or update takes is deleted first (when nothing in
 * the session still refers to it); rows giving up a value another row takes let go of it first by an UPDATE to NULL
 * where the columns are nullable; otherwise the updates run in levels, each after the rows whose values it takes.
 * A cycle over NOT NULL values is sent as it is: the database decides (a deferrable constraint accepts it). Plans
 * only; runs no SQL.
 */
final class UniqueMoves {

    /** An object to update: its new column values and the indexes of the columns that changed. */
    record Change(EntityState state, @Nullable Object[] values, List<Integer> changed) {
    }

    /** Deleted objects to delete before this mapping's updates and inserts. */
    final List<EntityState> earlyDeletes = new ArrayList<>();

    /** Per unique constraint (its column indexes), the objects to set to NULL in it before the updates. */
    final Map<List<Integer>, List<EntityState>> releases = new LinkedHashMap<>();

    /** The changes in the order they can be written: each level after the levels whose values it takes. */
    final List<List<Change>> levels = new ArrayList<>();

    private UniqueMoves() {
    }

    /**
     * Plans the moves.
     *
     * @param mapping the mapping being written
     * @param changes its objects to update, with their new values
     * @param inserted the column values of its objects to insert, as far as they are known before the flush writes them
     * @param deleted its objects to delete
     * @param referenced whether something in the session still refers to a deleted object (it cannot go early)
     */
    static UniqueMoves plan(EntityMapping<?> mapping, List<Change> changes, List<@Nullable Object[]> inserted, List<EntityState> deleted,
            Predicate<EntityState> referenced) {
        UniqueMoves moves = new UniqueMoves();
        List<List<Integer>> constraints = constraints(mapping);
        if (constraints.isEmpty()) {
            moves.levels.add(changes);
            return moves;
        }
        Map<EntityState, Set<EntityState>> waitsFor = new IdentityHashMap<>();
        for (List<Integer> columns : constraints) {
            boolean nullable = columns.stream().allMatch(i -> mapping.columns().get(i).column().isNullable());
            Map<List<Object>, Change> giving = new HashMap<>();
            Set<List<Object>> taken = new LinkedHashSet<>();
            for (Change change : changes) {
                if (columns.stream().anyMatch(change.changed()::contains)) {
                    List<Object> old = key(change.state().snapshot(), columns);
                    if (old != null) {
                        giving.put(old, change);
                    }
                    List<Object> now = key(change.values(), columns);
                    if (now != null) {
                        taken.add(now);
                    }
                }
            }
            inserted.forEach(values -> {
                List<Object> now = key(values, columns);
                if (now != null) {
                    taken.add(now);
                }
            });
            for (EntityState state : deleted) {
                List<Object> old = key(state.snapshot(), columns);
                if (old != null && taken.contains(old) && !moves.earlyDeletes.contains(state) && !referenced.test(state)) {
                    moves.earlyDeletes.add(state);
                }
            }
            for (Change change : changes) {
                List<Object> now = columns.stream().anyMatch(change.changed()::contains) ? key(change.values(), columns) : null;
                Change holder = now == null ? null : giving.get(now);
                if (holder == null || holder == change) {
                    continue;
                }
                if (nullable) {
                    List<EntityState> released = moves.releases.computeIfAbsent(columns, c -> new ArrayList<>());
                    if (!released.contains(holder.state())) {
                        released.add(holder.state());
                    }
                } else {
                    waitsFor.computeIfAbsent(change.state(), s -> Collections.newSetFromMap(new IdentityHashMap<>())).add(holder.state());
                }
            }
        }
        moves.levels.addAll(levels(changes, waitsFor));
        return moves;
    }

    /** The mapping's unique constraints other than the primary key, as column indexes (all columns mapped). */
    private static List<List<Integer>> constraints(EntityMapping<?> mapping) {
        List<List<Integer>> constraints = new ArrayList<>();
        for (UniqueConstraint unique : mapping.table().uniqueConstraints()) {
            List<Integer> columns = new ArrayList<>();
            for (String name : unique.columns()) {
                Column<?> column = mapping.table().columns().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
                int index = column == null ? -1 : mapping.indexOf(column);
                if (index < 0) {
                    columns = null;
                    break;
                }
                columns.add(index);
            }
            if (columns != null) {
                constraints.add(columns);
            }
        }
        return constraints;
    }

    /** A row's values in a constraint's columns, or null when one of them is NULL (NULLs never collide). */
    private static @Nullable List<Object> key(@Nullable Object @Nullable [] values, List<Integer> columns) {
        if (values == null) {
            return null;
        }
        List<Object> key = new ArrayList<>(columns.size());
        for (int index : columns) {
            if (values[index] == null) {
                return null;
            }
            key.add(values[index]);
        }
        return key;
    }

    /** Changes in levels: each after the changes it waits for; a cycle goes last, as it is. */
    private static List<List<Change>> levels(List<Change> changes, Map<EntityState, Set<EntityState>> waitsFor) {
        if (waitsFor.isEmpty()) {
            return List.of(changes);
        }
        List<List<Change>> levels = new ArrayList<>();
        Set<EntityState> done = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Change> remaining = new ArrayList<>(changes);
        while (!remaining.isEmpty()) {
            List<Change> level = new ArrayList<>();
            for (Change change : remaining) {
                Set<EntityState> before = waitsFor.getOrDefault(change.state(), Set.of());
                if (before.stream().allMatch(s -> done.contains(s) || s == change.state())) {
                    level.add(change);
                }
            }
            if (level.isEmpty()) {
                level.addAll(remaining);
            }
            level.forEach(change -> done.add(change.state()));
            remaining.removeAll(level);
            levels.add(level);
        }
        return levels;
    }
}
