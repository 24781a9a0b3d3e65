package io.asyncorm.result;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a raw row into the element a result view yields: projects {@code columns()}, reduces to a
 * scalar or a mapping, then applies {@code unique()}, which therefore always runs last whatever the
 * call order. Buffered and streamed views share it so their semantics cannot drift apart.
 */
final class ViewFilter {

    /** Returned by {@link #apply(Row)} for a duplicate that {@code unique()} drops. */
    static final Object SKIP = new Object();

    private static final Object NULL_KEY = new Object();

    enum Kind { ROW, SCALAR, MAPPING }

    private final Kind kind;

    private final Object scalarKey;

    private Object @Nullable [] columns;

    private boolean unique;

    private @Nullable Function<Object, ?> uniqueKey;

    private @Nullable String uniqueRequired;

    /** The keys {@code unique()} has seen, made on its first row. */
    private @Nullable Set<Object> seen;

    private @Nullable RowKeys resolvedFor;

    private int @Nullable [] projection;

    private RowKeys projectedKeys = RowKeys.of(List.of());

    private int scalarIndex;

    private ViewFilter(Kind kind, Object scalarKey) {
        this.kind = kind;
        this.scalarKey = scalarKey;
    }

    static ViewFilter rows() {
        return new ViewFilter(Kind.ROW, 0);
    }

    /** A view of another kind over the same columns, keeping {@code unique()} (unlike SQLAlchemy 2.0.39, D2). */
    ViewFilter derive(Kind kind, Object scalarKey) {
        ViewFilter derived = new ViewFilter(kind, scalarKey);
        derived.columns = this.columns;
        derived.unique = this.unique;
        derived.uniqueKey = kind == this.kind ? this.uniqueKey : null;
        derived.uniqueRequired = this.uniqueRequired;
        return derived;
    }

    void columns(Object... keys) {
        this.columns = keys.clone();
        this.resolvedFor = null;
    }

    @SuppressWarnings("unchecked")
    void unique(@Nullable Function<?, ?> key) {
        this.unique = true;
        this.uniqueKey = (Function<Object, ?>) key;
    }

    void requireUnique(String message) {
        this.uniqueRequired = message;
    }

    /** The keys of the element rows, given the keys of the raw rows. */
    RowKeys keys(RowKeys raw) {
        resolve(raw);
        return this.projectedKeys;
    }

    @Nullable Object apply(Row raw) {
        if (this.uniqueRequired != null && !this.unique) {
            throw new io.asyncorm.exception.InvalidRequestError(this.uniqueRequired);
        }
        resolve(raw.rowKeys());
        Row row = this.projection == null ? raw : raw.project(this.projection);
        Object element = switch (this.kind) {
            case ROW -> row;
            case SCALAR -> row.get(this.scalarIndex);
            case MAPPING -> row.asMap();
        };
        if (this.unique) {
            Object key = this.uniqueKey == null ? element : this.uniqueKey.apply(element);
            if (this.seen == null) {
                this.seen = new HashSet<>();
            }
            if (!this.seen.add(key == null ? NULL_KEY : key)) {
                return SKIP;
            }
        }
        return element;
    }

    private void resolve(RowKeys raw) {
        if (raw == this.resolvedFor) {
            return;
        }
        RowKeys projected = raw;
        this.projection = null;
        if (this.columns != null) {
            this.projection = new int[this.columns.length];
            List<String> names = new ArrayList<>(this.columns.length);
            for (int i = 0; i < this.columns.length; i++) {
                this.projection[i] = raw.resolve(this.columns[i]);
                names.add(raw.names().get(this.projection[i]));
            }
            projected = RowKeys.of(names);
        }
        if (this.kind == Kind.SCALAR && projected.size() > 0) {
            this.scalarIndex = projected.resolve(this.scalarKey);
        }
        this.projectedKeys = projected;
        this.resolvedFor = raw;
    }
}
