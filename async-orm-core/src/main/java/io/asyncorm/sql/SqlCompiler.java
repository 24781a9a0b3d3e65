package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Renders one statement for one dialect: SQL text with the dialect's bind markers and quoting, and the
 * parameter name at each marker. Values are always bound, never written into the SQL. Not reusable.
 */
final class SqlCompiler {

    // Quoting decisions per dialect and identifier: a regular expression and a set lookup otherwise run
    // for every identifier of every compilation. Bounded by the schema's identifiers.
    private static final Map<String, Map<String, String>> QUOTED = new ConcurrentHashMap<>();

    final Dialect dialect;

    private final StringBuilder sql = new StringBuilder(128);

    private final List<String> names = new ArrayList<>();

    private final Map<String, @Nullable Object> bound = new HashMap<>();

    private final List<@Nullable SqlType<?>> converters = new ArrayList<>();

    private int anonymous;

    // Tables a column may refer to; null where any table is acceptable (DDL, the SET list of UPDATE).
    private @Nullable Set<Table> scope;

    private boolean qualify = true;

    // Shape mode (see StatementCache): the same rendering records what decides the SQL text instead of writing it.
    private final @Nullable List<Object> shape;

    SqlCompiler(Dialect dialect) {
        this(dialect, false);
    }

    SqlCompiler(Dialect dialect, boolean shapeOnly) {
        this.dialect = dialect;
        this.shape = shapeOnly ? new ArrayList<>(64) : null;
    }

    SqlCompiler append(String text) {
        if (this.shape != null) {
            this.shape.add(text);
        } else {
            this.sql.append(text);
        }
        return this;
    }

    SqlCompiler identifier(String name) {
        if (this.shape != null) {
            this.shape.add(name);
            return this;
        }
        this.sql.append(QUOTED.computeIfAbsent(this.dialect.name(), d -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, this.dialect::identifier));
        return this;
    }

    void bind(@Nullable String name, boolean hasValue, @Nullable Object value) {
        bind(name, hasValue, value, null);
    }

    /** Binds a parameter; a column type converts the value (also one given at execute) and may wrap the marker. */
    void bind(@Nullable String name, boolean hasValue, @Nullable Object value, @Nullable SqlType<?> type) {
        String key = name != null ? name : "_p" + (++this.anonymous);
        if (hasValue) {
            this.bound.put(key, value);
        }
        if (this.shape != null) {
            this.shape.add(new BindToken(key, type, hasValue));
            return;
        }
        this.names.add(key);
        this.converters.add(type != null && type.convertsToDriver() ? type : null);
        String marker = this.dialect.bindMarker(this.names.size() - 1);
        this.sql.append(type == null ? marker : type.marker(this.dialect, marker));
    }

    /** Records, in shape mode, what decides how a statement binds its values but not its text. */
    void shapeOnly(Object token) {
        if (this.shape != null) {
            this.shape.add(token);
        }
    }

    /** What a bind marker contributes to a statement's shape: its name, type and whether it has a value. */
    private record BindToken(String name, @Nullable SqlType<?> type, boolean hasValue) {
    }

    /** The shape recorded in shape mode: everything that decides the SQL text, values left out. */
    List<Object> shape() {
        return java.util.Objects.requireNonNull(this.shape, "not in shape mode");
    }

    /** The values bound while rendering, by parameter name. */
    Map<String, @Nullable Object> boundValues() {
        return this.bound;
    }

    void column(Column<?> column) {
        Table table = column.table();
        if (this.scope != null && !this.scope.contains(table)) {
            throw new ArgumentError("Column '" + column + "' refers to table '" + table.name()
                    + "', which is not in the FROM clause of this statement (FROM "
                    + this.scope.stream().map(Table::name).collect(Collectors.joining(", ")) + ")");
        }
        if (this.shape != null) {
            // the SQL depends on the names only (a rebuilt subquery has new but equal columns); the flag keeps
            // a qualified column apart from an unqualified one followed by another name
            this.shape.add(this.qualify);
            if (this.qualify) {
                this.shape.add(table.name());
            }
            this.shape.add(column.name());
            return;
        }
        if (this.qualify) {
            identifier(table.name()).append(".");
        }
        identifier(column.name());
    }

    /** Renders an operand, in parentheses when it binds more loosely than the operator it is given to. */
    void operand(Expression<?> expression, int operatorPrecedence) {
        if (expression.precedence() < operatorPrecedence) {
            append("(");
            expression.render(this);
            append(")");
        } else {
            expression.render(this);
        }
    }

    void list(List<? extends Expression<?>> expressions) {
        for (int i = 0; i < expressions.size(); i++) {
            if (i > 0) {
                append(", ");
            }
            expressions.get(i).render(this);
        }
    }

    /** The tables columns may refer to now; empty when unrestricted. */
    Set<Table> scope() {
        return this.scope == null ? Set.of() : this.scope;
    }

    /** Runs a rendering step with the tables columns may refer to and whether they are qualified. */
    void within(@Nullable Set<Table> tables, boolean qualifyColumns, Runnable step) {
        Set<Table> outerScope = this.scope;
        boolean outerQualify = this.qualify;
        this.scope = tables;
        this.qualify = qualifyColumns;
        try {
            step.run();
        } finally {
            this.scope = outerScope;
            this.qualify = outerQualify;
        }
    }

    CompiledStatement result() {
        return new CompiledStatement(this.sql.toString(), this.names, this.bound,
                this.converters.stream().anyMatch(java.util.Objects::nonNull) ? this.converters : List.of());
    }
}
