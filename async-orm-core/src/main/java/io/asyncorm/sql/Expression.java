package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A typed SQL expression: a column, a bound value, a function call, an operator applied to other
 * expressions. Immutable; every operator returns a new expression. Values given to operators are bound
 * as parameters, never written into the SQL, and are checked against the expression's Java type.
 *
 * <pre>{@code
 * Expression<Boolean> adults = users.c("age").ge(18).and(users.c("name").like("A%"));
 * }</pre>
 *
 * @param <T> the Java type of the expression's values
 */
public abstract class Expression<T> {

    Expression() {
    }

    /**
     * The Java type of the expression's values.
     *
     * @return the class; {@code Object} when the type is not known
     */
    public abstract Class<T> javaType();

    abstract void render(SqlCompiler compiler);

    /** How tightly the expression binds: an operand binding looser than its operator is parenthesized. */
    int precedence() {
        return Precedence.ATOM;
    }

    /** Adds the tables this expression's columns belong to. */
    void collectTables(Collection<Table> tables) {
    }

    /** A bound value of this expression's type, checked against it. */
    final Expression<T> value(@Nullable Object value) {
        if (value instanceof Expression<?> expression) {
            @SuppressWarnings("unchecked")
            Expression<T> typed = (Expression<T>) expression;
            return typed;
        }
        checkValue(value);
        return bindParam(value);
    }

    /** A bound value for this expression; a column binds it with its type's conversion and marker form. */
    BindParam<T> bindParam(@Nullable Object value) {
        return new BindParam<>(null, value, true, javaType());
    }

    void checkValue(@Nullable Object value) {
        Class<T> type = javaType();
        if (value == null || type == Object.class || type.isInstance(value)
                || (Number.class.isAssignableFrom(type) && value instanceof Number)) {
            return;
        }
        throw new ArgumentError(this + " holds " + type.getSimpleName() + " values; got a " + value.getClass().getSimpleName()
                + " (" + value + ")");
    }

    // ---------------------------------------------------------------- comparison

    /**
     * {@code this = value}; a null value gives {@code this IS NULL}, as SQLAlchemy does.
     *
     * @param value a value or an expression
     * @return the predicate
     */
    public Expression<Boolean> eq(@Nullable Object value) {
        return value == null ? isNull() : new Nodes.Binary<>(Boolean.class, this, " = ", value(value));
    }

    /**
     * {@code this <> value}; a null value gives {@code this IS NOT NULL}.
     *
     * @param value a value or an expression
     * @return the predicate
     */
    public Expression<Boolean> ne(@Nullable Object value) {
        return value == null ? isNotNull() : new Nodes.Binary<>(Boolean.class, this, " <> ", value(value));
    }

    /**
     * {@code this < value}.
     *
     * @param value a value or an expression
     * @return the predicate
     */
    public Expression<Boolean> lt(Object value) {
        return new Nodes.Binary<>(Boolean.class, this, " < ", value(value));
    }

    /**
     * {@code this <= value}.
     *
     * @param value a value or an expression
     * @return the predicate
     */
    public Expression<Boolean> le(Object value) {
        return new Nodes.Binary<>(Boolean.class, this, " <= ", value(value));
    }

    /**
     * {@code this > value}.
     *
     * @param value a value or an expression
     * @return the predicate
     */
    public Expression<Boolean> gt(Object value) {
        return new Nodes.Binary<>(Boolean.class, this, " > ", value(value));
    }

    /**
     * {@code this >= value}.
     *
     * @param value a value or an expression
     * @return the predicate
     */
    public Expression<Boolean> ge(Object value) {
        return new Nodes.Binary<>(Boolean.class, this, " >= ", value(value));
    }

    /**
     * {@code this BETWEEN low AND high}.
     *
     * @param low the lower bound, inclusive
     * @param high the upper bound, inclusive
     * @return the predicate
     */
    public Expression<Boolean> between(Object low, Object high) {
        return new Nodes.Between(this, value(low), value(high));
    }

    /**
     * {@code this IN (values...)}, each value bound; an empty collection is a predicate that is never true.
     *
     * @param values the values
     * @return the predicate
     */
    public Expression<Boolean> in(Collection<?> values) {
        return new Nodes.In(this, values(values), false);
    }

    /**
     * {@code this IN (subquery)}.
     *
     * @param subquery a select of one column
     * @return the predicate
     */
    public Expression<Boolean> in(Select subquery) {
        return new Nodes.In(this, subquery, false);
    }

    /**
     * {@code this NOT IN (values...)}; an empty collection is a predicate that is always true.
     *
     * @param values the values
     * @return the predicate
     */
    public Expression<Boolean> notIn(Collection<?> values) {
        return new Nodes.In(this, values(values), true);
    }

    /**
     * {@code this NOT IN (subquery)}.
     *
     * @param subquery a select of one column
     * @return the predicate
     */
    public Expression<Boolean> notIn(Select subquery) {
        return new Nodes.In(this, subquery, true);
    }

    private List<Expression<?>> values(Collection<?> values) {
        List<Expression<?>> bound = new ArrayList<>(values.size());
        for (Object value : values) {
            bound.add(value(value));
        }
        return bound;
    }

    /**
     * {@code this IS NULL}.
     *
     * @return the predicate
     */
    public Expression<Boolean> isNull() {
        return new Nodes.Postfix<>(Boolean.class, this, " IS NULL");
    }

    /**
     * {@code this IS NOT NULL}.
     *
     * @return the predicate
     */
    public Expression<Boolean> isNotNull() {
        return new Nodes.Postfix<>(Boolean.class, this, " IS NOT NULL");
    }

    /**
     * {@code this LIKE pattern}.
     *
     * @param pattern the pattern, with {@code %} and {@code _}
     * @return the predicate
     */
    public Expression<Boolean> like(String pattern) {
        return new Nodes.Binary<>(Boolean.class, this, " LIKE ", new BindParam<>(null, pattern, true, String.class));
    }

    /**
     * {@code this NOT LIKE pattern}.
     *
     * @param pattern the pattern
     * @return the predicate
     */
    public Expression<Boolean> notLike(String pattern) {
        return new Nodes.Binary<>(Boolean.class, this, " NOT LIKE ", new BindParam<>(null, pattern, true, String.class));
    }

    /**
     * Case-insensitive LIKE: {@code ILIKE} where the database has it, else {@code lower(this) LIKE lower(pattern)}.
     *
     * @param pattern the pattern
     * @return the predicate
     */
    public Expression<Boolean> ilike(String pattern) {
        return new Nodes.ILike(this, new BindParam<>(null, pattern, true, String.class));
    }

    // ---------------------------------------------------------------- boolean

    /**
     * {@code this AND other}.
     *
     * @param other another predicate
     * @return the predicate
     */
    public Expression<Boolean> and(Expression<Boolean> other) {
        return Sql.and(Nodes.predicate(this), other);
    }

    /**
     * {@code this OR other}.
     *
     * @param other another predicate
     * @return the predicate
     */
    public Expression<Boolean> or(Expression<Boolean> other) {
        return Sql.or(Nodes.predicate(this), other);
    }

    // ---------------------------------------------------------------- arithmetic and strings

    /**
     * {@code this + value}.
     *
     * @param value a value or an expression
     * @return the sum
     */
    public Expression<T> plus(Object value) {
        return new Nodes.Binary<>(javaType(), this, " + ", value(value));
    }

    /**
     * {@code this - value}.
     *
     * @param value a value or an expression
     * @return the difference
     */
    public Expression<T> minus(Object value) {
        return new Nodes.Binary<>(javaType(), this, " - ", value(value));
    }

    /**
     * {@code this * value}.
     *
     * @param value a value or an expression
     * @return the product
     */
    public Expression<T> times(Object value) {
        return new Nodes.Binary<>(javaType(), this, " * ", value(value));
    }

    /**
     * {@code this / value}.
     *
     * @param value a value or an expression
     * @return the quotient
     */
    public Expression<T> dividedBy(Object value) {
        return new Nodes.Binary<>(javaType(), this, " / ", value(value));
    }

    /**
     * String concatenation: {@code this || value}, or {@code concat(this, value)} on MariaDB.
     *
     * @param value a value or an expression
     * @return the concatenation
     */
    public Expression<String> concat(Object value) {
        Expression<?> other = value instanceof Expression<?> e ? e : new BindParam<>(null, value, true, Object.class);
        return new Nodes.Concat(this, other);
    }

    // ---------------------------------------------------------------- ordering, labels, casts

    /**
     * Ascending order by this expression.
     *
     * @return the ordering
     */
    public Ordering asc() {
        return new Ordering(this, true, null);
    }

    /**
     * Descending order by this expression.
     *
     * @return the ordering
     */
    public Ordering desc() {
        return new Ordering(this, false, null);
    }

    /**
     * This expression under a name: {@code expr AS label}; rows carry it under that key.
     *
     * @param label the name
     * @return the labelled expression
     */
    public Expression<T> as(String label) {
        return new Terms.Label<>(this, label);
    }

    /**
     * {@code CAST(this AS type)}.
     *
     * @param type the target type
     * @param <R> the target Java type
     * @return the cast expression
     */
    public <R> Expression<R> cast(SqlType<R> type) {
        return new Terms.Cast<>(this, type);
    }
}
