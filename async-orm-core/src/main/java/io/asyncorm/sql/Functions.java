package io.asyncorm.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL functions, reached as {@code Sql.func}: {@code Sql.func.count()}, {@code Sql.func.lower(c)},
 * or any function by name with {@link #call(String, Class, Object...)}. Arguments that are not
 * expressions are bound as parameters.
 */
public final class Functions {

    Functions() {
    }

    /**
     * {@code count(*)}.
     *
     * @return the count
     */
    public Expression<Long> count() {
        return new Terms.FunctionCall<>("count", Long.class, List.of(), true);
    }

    /**
     * {@code count(expression)}: the non-NULL values.
     *
     * @param expression what to count
     * @return the count
     */
    public Expression<Long> count(Expression<?> expression) {
        return new Terms.FunctionCall<>("count", Long.class, List.of(expression), false);
    }

    /**
     * {@code sum(expression)}; read it with the type you expect (the database may widen it).
     *
     * @param expression the values
     * @param <T> the values' Java type
     * @return the sum
     */
    public <T> Expression<T> sum(Expression<T> expression) {
        return new Terms.FunctionCall<>("sum", expression.javaType(), List.of(expression), false);
    }

    /**
     * {@code min(expression)}.
     *
     * @param expression the values
     * @param <T> the values' Java type
     * @return the minimum
     */
    public <T> Expression<T> min(Expression<T> expression) {
        return new Terms.FunctionCall<>("min", expression.javaType(), List.of(expression), false);
    }

    /**
     * {@code max(expression)}.
     *
     * @param expression the values
     * @param <T> the values' Java type
     * @return the maximum
     */
    public <T> Expression<T> max(Expression<T> expression) {
        return new Terms.FunctionCall<>("max", expression.javaType(), List.of(expression), false);
    }

    /**
     * {@code coalesce(expression, fallbacks...)}.
     *
     * @param expression the first choice
     * @param fallbacks values or expressions tried in order
     * @param <T> the Java type
     * @return the first non-NULL value
     */
    public <T> Expression<T> coalesce(Expression<T> expression, Object... fallbacks) {
        List<Expression<?>> arguments = new ArrayList<>();
        arguments.add(expression);
        for (Object fallback : fallbacks) {
            arguments.add(expression.value(fallback));
        }
        return new Terms.FunctionCall<>("coalesce", expression.javaType(), arguments, false);
    }

    /**
     * {@code lower(expression)}.
     *
     * @param expression a string expression
     * @return the lower-cased string
     */
    public Expression<String> lower(Expression<?> expression) {
        return new Terms.FunctionCall<>("lower", String.class, List.of(expression), false);
    }

    /**
     * {@code upper(expression)}.
     *
     * @param expression a string expression
     * @return the upper-cased string
     */
    public Expression<String> upper(Expression<?> expression) {
        return new Terms.FunctionCall<>("upper", String.class, List.of(expression), false);
    }

    /**
     * {@code CURRENT_TIMESTAMP}, the start of the transaction on PostgreSQL.
     *
     * @return the timestamp; its Java type depends on the driver
     */
    public Expression<Object> now() {
        return new Terms.Literal<>("CURRENT_TIMESTAMP", Object.class);
    }

    /**
     * Any function by name.
     *
     * @param name the function name, written as given
     * @param type the Java type of its result
     * @param arguments values or expressions
     * @param <T> the Java type of its result
     * @return the call
     */
    public <T> Expression<T> call(String name, Class<T> type, Object... arguments) {
        List<Expression<?>> expressions = new ArrayList<>();
        for (Object argument : arguments) {
            expressions.add(argument instanceof Expression<?> e ? e : new BindParam<>(null, argument, true, Object.class));
        }
        return new Terms.FunctionCall<>(name, type, expressions, false);
    }
}
