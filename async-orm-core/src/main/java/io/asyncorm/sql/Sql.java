package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Entry point for building statements: {@code select}, {@code insert}, {@code update}, {@code delete},
 * {@code text}, boolean combinators, parameters, and {@link #func SQL functions}.
 *
 * <pre>{@code
 * import static io.asyncorm.sql.Sql.text;
 *
 * conn.execute(text("select * from t1 where name = :name"), Map.of("name", "some name 1"));
 * }</pre>
 */
public final class Sql {

    /** SQL functions: {@code Sql.func.count()}, {@code Sql.func.lower(c)}, {@code Sql.func.call("name", type, args)}. */
    public static final Functions func = new Functions();

    private Sql() {
    }

    /**
     * A SELECT of columns, expressions or whole tables.
     *
     * @param columns {@link Expression}s (columns, functions, labelled expressions) or {@link Table}s
     * @return the statement
     */
    public static Select select(Object... columns) {
        return Select.of(columns);
    }

    /**
     * {@code s1 UNION s2 ...}: distinct rows of all selects.
     *
     * @param selects at least two selects with matching columns
     * @return the compound statement
     */
    public static CompoundSelect union(Select... selects) {
        return new CompoundSelect(" UNION ", List.of(selects));
    }

    /**
     * {@code s1 UNION ALL s2 ...}: all rows of all selects.
     *
     * @param selects at least two selects with matching columns
     * @return the compound statement
     */
    public static CompoundSelect unionAll(Select... selects) {
        return new CompoundSelect(" UNION ALL ", List.of(selects));
    }

    /**
     * An INSERT into a table.
     *
     * @param table the table
     * @return the statement
     */
    public static Insert insert(Table table) {
        return Insert.into(table);
    }

    /**
     * An UPDATE of a table.
     *
     * @param table the table
     * @return the statement
     */
    public static Update update(Table table) {
        return Update.of(table);
    }

    /**
     * A DELETE from a table.
     *
     * @param table the table
     * @return the statement
     */
    public static Delete delete(Table table) {
        return Delete.from(table);
    }

    /**
     * Predicates joined with AND.
     *
     * @param predicates at least one
     * @return the conjunction
     */
    @SafeVarargs
    public static Expression<Boolean> and(Expression<Boolean>... predicates) {
        List<Expression<Boolean>> list = new ArrayList<>(predicates.length);
        for (Expression<Boolean> item : predicates) {
            list.add(item);
        }
        return and(list);
    }

    /**
     * Predicates joined with AND.
     *
     * @param predicates at least one
     * @return the conjunction
     */
    public static Expression<Boolean> and(List<Expression<Boolean>> predicates) {
        return predicates.size() == 1 ? predicates.get(0) : new Nodes.BooleanList(" AND ", predicates);
    }

    /**
     * Predicates joined with OR.
     *
     * @param predicates at least one
     * @return the disjunction
     */
    @SafeVarargs
    public static Expression<Boolean> or(Expression<Boolean>... predicates) {
        List<Expression<Boolean>> list = new ArrayList<>(predicates.length);
        for (Expression<Boolean> item : predicates) {
            list.add(item);
        }
        return list.size() == 1 ? list.get(0) : new Nodes.BooleanList(" OR ", list);
    }

    /**
     * {@code NOT predicate}.
     *
     * @param predicate the predicate
     * @return the negation
     */
    public static Expression<Boolean> not(Expression<Boolean> predicate) {
        return new Nodes.Not(predicate);
    }

    /**
     * {@code EXISTS (subquery)}.
     *
     * @param subquery the subquery; it may refer to the enclosing statement's tables
     * @return the predicate
     */
    public static Expression<Boolean> exists(Select subquery) {
        return new Terms.Exists(subquery);
    }

    /**
     * A named parameter whose value comes from the parameters of {@code execute}; usable several times.
     *
     * @param name the parameter name
     * @return the parameter
     */
    public static BindParam<Object> bindparam(String name) {
        return new BindParam<>(Objects.requireNonNull(name, "name"), null, false, Object.class);
    }

    /**
     * A named parameter with a value, which the parameters of {@code execute} may override.
     *
     * @param name the parameter name
     * @param value the default value
     * @param type the Java type
     * @param <T> the Java type
     * @return the parameter
     */
    public static <T> BindParam<T> bindparam(String name, @Nullable T value, Class<T> type) {
        return new BindParam<>(Objects.requireNonNull(name, "name"), value, true, type);
    }

    /**
     * A value as an expression, always bound as a parameter.
     *
     * @param value the value
     * @param <T> the value's type
     * @return the expression
     */
    @SuppressWarnings("unchecked")
    public static <T> Expression<T> literal(T value) {
        return new BindParam<>(null, value, true, (Class<T>) value.getClass());
    }

    /**
     * SQL text used as a column, written into the statement as given: never pass user input.
     *
     * @param sql the SQL, for example {@code 1} or {@code CURRENT_DATE}
     * @return the expression
     */
    public static Expression<Object> literalColumn(String sql) {
        return new Terms.Literal<>(sql, Object.class);
    }

    /**
     * {@code CASE WHEN condition THEN value ... ELSE otherwise END}; pairs of condition and value.
     *
     * @param type the Java type of the values
     * @param otherwise the ELSE value or expression
     * @param whenThen alternating conditions ({@code Expression<Boolean>}) and values
     * @param <T> the Java type of the values
     * @return the expression
     */
    @SuppressWarnings("unchecked")
    public static <T> Expression<T> caseWhen(Class<T> type, @Nullable Object otherwise, Object... whenThen) {
        if (whenThen.length == 0 || whenThen.length % 2 != 0) {
            throw new ArgumentError("caseWhen takes pairs of condition and value");
        }
        List<Expression<Boolean>> conditions = new ArrayList<>();
        List<Expression<?>> results = new ArrayList<>();
        for (int i = 0; i < whenThen.length; i += 2) {
            if (!(whenThen[i] instanceof Expression<?> condition)) {
                throw new ArgumentError("caseWhen: argument " + i + " must be a condition, got " + whenThen[i]);
            }
            conditions.add((Expression<Boolean>) condition);
            results.add(asExpression(whenThen[i + 1], type));
        }
        return new Terms.Case<>(conditions, results, asExpression(otherwise, type), type);
    }

    private static Expression<?> asExpression(@Nullable Object value, Class<?> type) {
        return value instanceof Expression<?> e ? e : new BindParam<>(null, value, true, type);
    }

    /**
     * A textual statement with {@code :name} parameters.
     *
     * @param text the SQL, with {@code :name} where values are bound
     * @return an immutable, reusable statement
     */
    public static TextClause text(String text) {
        return new TextClause(Objects.requireNonNull(text, "text"));
    }

    /**
     * An SQL NULL of a given type, for a parameter whose type the database cannot infer.
     *
     * @param type the Java type of the column
     * @return the typed NULL to put in a parameter map
     */
    public static TypedNull nullOf(Class<?> type) {
        return new TypedNull(type);
    }

    /**
     * Forgets the SQL compiled for a dialect and cached by statement shape ({@code AsyncEngine.clearCompiledCache()}):
     * statements are compiled again on their next use. A statement object keeps its own compiled form.
     *
     * @param dialect the dialect whose entries to drop
     * @return how many entries there were
     */
    public static int clearCompiledCache(io.asyncorm.dialect.Dialect dialect) {
        return StatementCache.clear(dialect.name());
    }
}
