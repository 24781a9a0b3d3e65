package io.asyncorm.orm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Snapshot-based dirty checking: an object's current column values (read from its fields, converted
 * to database values) compared with the values last loaded or flushed.
 */
final class ChangeDetector {

    private ChangeDetector() {
    }

    /** The database values of an object's columns as its fields hold them now. */
    static @Nullable Object[] current(EntityState state) {
        List<ColumnProperty> columns = state.mapping().columns();
        @Nullable Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            ColumnProperty property = columns.get(i);
            values[i] = property.field() == null ? state.hidden(i) : property.toDatabase(property.field().get(state.entity()));
        }
        return values;
    }

    /** The updatable, non-key columns whose value differs from the snapshot. */
    static List<Integer> changed(EntityState state, @Nullable Object[] current) {
        List<Integer> changed = new ArrayList<>();
        @Nullable Object[] snapshot = state.snapshot();
        List<ColumnProperty> columns = state.mapping().columns();
        for (int i = 0; i < current.length; i++) {
            ColumnProperty property = columns.get(i);
            if (property.isId() || property.isVersion() || !property.isUpdatable()) {
                continue;
            }
            if (snapshot == null || !Objects.deepEquals(current[i], snapshot[i])) {
                changed.add(i);
            }
        }
        return changed;
    }

    /** Whether a loaded relationship differs from what was last loaded or flushed. */
    static boolean relationshipChanged(EntityState state, RelationshipProperty relationship) {
        if (!Relationships.isLoaded(state.entity(), relationship)) {
            return false;
        }
        List<Object> previous = Relationships.previous(state, relationship);
        List<Object> current = Relationships.related(state.entity(), relationship);
        if (previous == null) {
            return !current.isEmpty();
        }
        if (previous.size() != current.size()) {
            return true;
        }
        for (int i = 0; i < current.size(); i++) {
            if (previous.get(i) != current.get(i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a persistent object has changes to flush. */
    static boolean isModified(EntityState state) {
        if (!changed(state, current(state)).isEmpty()) {
            return true;
        }
        for (RelationshipProperty relationship : state.mapping().relationshipList()) {
            if (relationshipChanged(state, relationship)) {
                return true;
            }
        }
        return false;
    }
}
