package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A statement's SQL for one dialect, with the names of its bind parameters in positional order (a
 * name used twice appears twice). Immutable.
 */
public final class CompiledStatement {

    private final String sql;

    private final List<String> parameterNames;

    private final Map<String, @Nullable Object> boundValues;

    private final @Nullable Object @Nullable [] positional;

    // Per marker, the column type that converts a value before binding (an enum by name); empty when none does.
    private final List<@Nullable SqlType<?>> converters;

    /**
     * Creates a compiled statement whose parameters all come from the caller.
     *
     * @param sql the SQL text with the dialect's bind markers
     * @param parameterNames the parameter name bound at each marker, in order
     */
    public CompiledStatement(String sql, List<String> parameterNames) {
        this(sql, parameterNames, Map.of());
    }

    /**
     * Creates a compiled statement with values bound when the statement was built.
     *
     * @param sql the SQL text with the dialect's bind markers
     * @param parameterNames the parameter name bound at each marker, in order
     * @param boundValues values by parameter name, used when the caller gives none for that name
     */
    public CompiledStatement(String sql, List<String> parameterNames, Map<String, @Nullable Object> boundValues) {
        this(sql, parameterNames, boundValues, List.of());
    }

    CompiledStatement(String sql, List<String> parameterNames, Map<String, @Nullable Object> boundValues,
            List<@Nullable SqlType<?>> converters) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.parameterNames = List.copyOf(parameterNames);
        this.boundValues = Collections.unmodifiableMap(new HashMap<>(boundValues));
        this.positional = null;
        this.converters = Collections.unmodifiableList(new java.util.ArrayList<>(converters));
    }

    private CompiledStatement(String sql, List<String> parameterNames, @Nullable Object[] positional,
            List<@Nullable SqlType<?>> converters) {
        this.sql = sql;
        this.parameterNames = parameterNames;
        this.boundValues = Map.of();
        this.positional = positional;
        this.converters = converters;
    }

    /** The same SQL with the values another statement of the same shape bound while it was built. */
    CompiledStatement withBoundValues(Map<String, @Nullable Object> values) {
        return new CompiledStatement(this.sql, this.parameterNames, values, this.converters, true);
    }

    private CompiledStatement(String sql, List<String> parameterNames, Map<String, @Nullable Object> boundValues,
            List<@Nullable SqlType<?>> converters, boolean shared) {
        this.sql = sql;
        this.parameterNames = parameterNames;
        this.boundValues = boundValues;
        this.positional = null;
        this.converters = converters;
    }

    /**
     * The same SQL with all of its values given by position, for statements executed once with many
     * values (a page of a multi-row INSERT): no per-value names or maps.
     *
     * @param values one value per bind marker, in order
     * @return the statement with those values
     */
    CompiledStatement withPositionalValues(@Nullable Object[] values) {
        if (values.length != this.parameterNames.size()) {
            throw new IllegalArgumentException(values.length + " values for " + this.parameterNames.size() + " markers");
        }
        return new CompiledStatement(this.sql, this.parameterNames, values, this.converters);
    }

    /**
     * The same statement inside other SQL text, its parameters unchanged: for a query declared as a server-side
     * cursor ({@code DECLARE c CURSOR FOR <query>}).
     *
     * @param before the text before the statement's
     * @return the wrapped statement
     */
    public CompiledStatement wrappedIn(String before) {
        return this.positional != null ? new CompiledStatement(before + this.sql, this.parameterNames, this.positional, this.converters)
                : new CompiledStatement(before + this.sql, this.parameterNames, this.boundValues, this.converters, true);
    }

    /**
     * The SQL text.
     *
     * @return the SQL with bind markers
     */
    public String sql() {
        return this.sql;
    }

    /**
     * The parameter name at each bind marker.
     *
     * @return an immutable list, empty when the statement has no parameters
     */
    public List<String> parameterNames() {
        return this.parameterNames;
    }

    /**
     * Puts named values into positional order.
     *
     * @param parameters the values by name, which win over values bound when the statement was built;
     *     extra names are ignored, as SQLAlchemy does
     * @return one value per bind marker; an element is null for SQL NULL
     * @throws ArgumentError when a parameter of the statement has no value
     */
    public @Nullable Object[] positionalValues(Map<String, ?> parameters) {
        if (this.positional != null) {
            return convert(this.positional);
        }
        @Nullable Object[] values = new Object[this.parameterNames.size()];
        for (int i = 0; i < values.length; i++) {
            String name = this.parameterNames.get(i);
            if (parameters.containsKey(name)) {
                values[i] = parameters.get(name);
            } else if (this.boundValues.containsKey(name)) {
                values[i] = this.boundValues.get(name);
            } else {
                throw new ArgumentError("A value is required for bind parameter '" + name + "' of statement: "
                        + this.sql + " (given: " + parameters.keySet() + ")");
            }
        }
        return convert(values);
    }

    private @Nullable Object[] convert(@Nullable Object[] values) {
        for (int i = 0; i < this.converters.size(); i++) {
            SqlType<?> type = this.converters.get(i);
            if (type != null && values[i] != null) {
                values[i] = type.toDriver(values[i]);
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return this.sql;
    }
}
