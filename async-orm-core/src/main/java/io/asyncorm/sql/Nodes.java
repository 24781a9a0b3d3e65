package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.Collection;
import java.util.List;

/** The expression node kinds behind the operators of {@link Expression}, {@link Sql} and {@link Functions}. */
final class Nodes {

    private Nodes() {
    }

    @SuppressWarnings("unchecked")
    static Expression<Boolean> predicate(Expression<?> expression) {
        return (Expression<Boolean>) expression;
    }

    /** {@code left op right}. */
    static final class Binary<T> extends Expression<T> {

        private final Class<T> type;

        private final Expression<?> left;

        private final String operator;

        private final Expression<?> right;

        Binary(Class<T> type, Expression<?> left, String operator, Expression<?> right) {
            this.type = type;
            this.left = left;
            this.operator = operator;
            this.right = right;
        }

        @Override
        public Class<T> javaType() {
            return this.type;
        }

        @Override
        void render(SqlCompiler compiler) {
            int precedence = precedence();
            // comparisons do not chain; on the right, a - (b - c) needs its parentheses
            compiler.operand(this.left, precedence == Precedence.COMPARISON ? precedence + 1 : precedence);
            compiler.append(this.operator);
            compiler.operand(this.right, precedence + 1);
        }

        @Override
        int precedence() {
            return Precedence.of(this.operator);
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.left.collectTables(tables);
            this.right.collectTables(tables);
        }

        @Override
        public String toString() {
            return this.left + this.operator + this.right;
        }
    }

    /** {@code operand IS NULL} and the like. */
    static final class Postfix<T> extends Expression<T> {

        private final Class<T> type;

        private final Expression<?> operand;

        private final String operator;

        Postfix(Class<T> type, Expression<?> operand, String operator) {
            this.type = type;
            this.operand = operand;
            this.operator = operator;
        }

        @Override
        public Class<T> javaType() {
            return this.type;
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.operand(this.operand, Precedence.COMPARISON + 1);
            compiler.append(this.operator);
        }

        @Override
        int precedence() {
            return Precedence.COMPARISON;
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.operand.collectTables(tables);
        }
    }

    /** {@code x [NOT] IN (a, b, c)}; an empty list renders a constant predicate. */
    static final class In extends Expression<Boolean> {

        private final Expression<?> operand;

        private final List<Expression<?>> values;

        private final boolean negated;

        In(Expression<?> operand, List<Expression<?>> values, boolean negated) {
            this.operand = operand;
            this.values = List.copyOf(values);
            this.negated = negated;
        }

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            if (this.values.isEmpty()) {
                compiler.append(this.negated ? "1 = 1" : "1 = 0");
                return;
            }
            compiler.operand(this.operand, Precedence.COMPARISON + 1);
            compiler.append(this.negated ? " NOT IN (" : " IN (");
            compiler.list(this.values);
            compiler.append(")");
        }

        @Override
        int precedence() {
            return Precedence.COMPARISON;
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.operand.collectTables(tables);
        }
    }

    /** {@code x [NOT] IN (SELECT ...)}. */
    static final class InSelect extends Expression<Boolean> {

        private final Expression<?> operand;

        private final Select subquery;

        private final boolean negated;

        InSelect(Expression<?> operand, Select subquery, boolean negated) {
            this.operand = operand;
            this.subquery = subquery;
            this.negated = negated;
        }

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.operand(this.operand, Precedence.COMPARISON + 1);
            compiler.append(this.negated ? " NOT IN (" : " IN (");
            this.subquery.render(compiler);
            compiler.append(")");
        }

        @Override
        int precedence() {
            return Precedence.COMPARISON;
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.operand.collectTables(tables);
        }
    }

    /** {@code x BETWEEN a AND b}. */
    static final class Between extends Expression<Boolean> {

        private final Expression<?> operand;

        private final Expression<?> low;

        private final Expression<?> high;

        Between(Expression<?> operand, Expression<?> low, Expression<?> high) {
            this.operand = operand;
            this.low = low;
            this.high = high;
        }

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.operand(this.operand, Precedence.COMPARISON + 1);
            compiler.append(" BETWEEN ");
            compiler.operand(this.low, Precedence.COMPARISON + 1);
            compiler.append(" AND ");
            compiler.operand(this.high, Precedence.COMPARISON + 1);
        }

        @Override
        int precedence() {
            return Precedence.COMPARISON;
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.operand.collectTables(tables);
            this.low.collectTables(tables);
            this.high.collectTables(tables);
        }
    }

    /** Case-insensitive LIKE. */
    static final class ILike extends Expression<Boolean> {

        private final Expression<?> operand;

        private final Expression<?> pattern;

        ILike(Expression<?> operand, Expression<?> pattern) {
            this.operand = operand;
            this.pattern = pattern;
        }

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            if (compiler.dialect.supportsIlike()) {
                compiler.operand(this.operand, Precedence.COMPARISON + 1);
                compiler.append(" ILIKE ");
                compiler.operand(this.pattern, Precedence.COMPARISON + 1);
            } else {
                compiler.append("lower(");
                this.operand.render(compiler);
                compiler.append(") LIKE lower(");
                this.pattern.render(compiler);
                compiler.append(")");
            }
        }

        @Override
        int precedence() {
            return Precedence.COMPARISON;
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.operand.collectTables(tables);
        }
    }

    /** String concatenation. */
    static final class Concat extends Expression<String> {

        private final Expression<?> left;

        private final Expression<?> right;

        Concat(Expression<?> left, Expression<?> right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public Class<String> javaType() {
            return String.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            if (compiler.dialect.supportsConcatOperator()) {
                compiler.operand(this.left, Precedence.CONCAT);
                compiler.append(" || ");
                compiler.operand(this.right, Precedence.CONCAT + 1);
            } else {
                compiler.append("concat(");
                this.left.render(compiler);
                compiler.append(", ");
                this.right.render(compiler);
                compiler.append(")");
            }
        }

        @Override
        int precedence() {
            return Precedence.CONCAT;
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.left.collectTables(tables);
            this.right.collectTables(tables);
        }
    }

    /** Predicates joined by AND or OR. */
    static final class BooleanList extends Expression<Boolean> {

        private final String operator;

        private final List<Expression<Boolean>> terms;

        BooleanList(String operator, List<Expression<Boolean>> terms) {
            if (terms.isEmpty()) {
                throw new ArgumentError(operator.trim() + " needs at least one predicate");
            }
            this.operator = operator;
            this.terms = List.copyOf(terms);
        }

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            for (int i = 0; i < this.terms.size(); i++) {
                if (i > 0) {
                    compiler.append(this.operator);
                }
                Expression<Boolean> term = this.terms.get(i);
                // AND inside OR (and the reverse) is parenthesized for the reader, though SQL would not need it
                boolean mixed = term instanceof BooleanList list && !list.operator.equals(this.operator);
                compiler.operand(term, mixed ? Precedence.ATOM : precedence());
            }
        }

        @Override
        int precedence() {
            return this.operator.trim().equals("OR") ? Precedence.OR : Precedence.AND;
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.terms.forEach(term -> term.collectTables(tables));
        }
    }

    /** {@code NOT x}. */
    static final class Not extends Expression<Boolean> {

        private final Expression<Boolean> operand;

        Not(Expression<Boolean> operand) {
            this.operand = operand;
        }

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.append("NOT ");
            compiler.operand(this.operand, this.operand.precedence() == Precedence.ATOM ? Precedence.NOT : Precedence.ATOM);
        }

        @Override
        int precedence() {
            return Precedence.NOT;
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.operand.collectTables(tables);
        }
    }

    /** {@code expr AS label}; in a WHERE or ORDER BY it renders as the bare expression. */
    static final class Label<T> extends Expression<T> {

        final Expression<T> expression;

        final String label;

        Label(Expression<T> expression, String label) {
            this.expression = expression;
            this.label = label;
        }

        @Override
        public Class<T> javaType() {
            return this.expression.javaType();
        }

        @Override
        void render(SqlCompiler compiler) {
            this.expression.render(compiler);
        }

        void renderLabelled(SqlCompiler compiler) {
            compiler.operand(this.expression, Precedence.NONE);
            compiler.append(" AS ").identifier(this.label);
        }

        @Override
        int precedence() {
            return this.expression.precedence();
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.expression.collectTables(tables);
        }
    }

    /** {@code CAST(x AS type)}. */
    static final class Cast<T> extends Expression<T> {

        private final Expression<?> operand;

        private final SqlType<T> type;

        Cast(Expression<?> operand, SqlType<T> type) {
            this.operand = operand;
            this.type = type;
        }

        @Override
        public Class<T> javaType() {
            return this.type.javaType();
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.append("CAST(");
            this.operand.render(compiler);
            compiler.append(" AS ").append(this.type.ddl(compiler.dialect)).append(")");
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.operand.collectTables(tables);
        }
    }

    /** {@code name(arg, ...)}; {@code count(*)} has the star as its argument. */
    static final class FunctionCall<T> extends Expression<T> {

        private final String name;

        private final Class<T> type;

        private final List<Expression<?>> arguments;

        private final boolean star;

        FunctionCall(String name, Class<T> type, List<Expression<?>> arguments, boolean star) {
            this.name = name;
            this.type = type;
            this.arguments = List.copyOf(arguments);
            this.star = star;
        }

        @Override
        public Class<T> javaType() {
            return this.type;
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.append(this.name).append("(");
            if (this.star) {
                compiler.append("*");
            } else {
                compiler.list(this.arguments);
            }
            compiler.append(")");
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.arguments.forEach(argument -> argument.collectTables(tables));
        }

        @Override
        public String toString() {
            return this.name + "(" + (this.star ? "*" : this.arguments) + ")";
        }
    }

    /** SQL text written as given: a literal column or a keyword such as {@code CURRENT_TIMESTAMP}. */
    static final class Literal<T> extends Expression<T> {

        private final String text;

        private final Class<T> type;

        Literal(String text, Class<T> type) {
            this.text = text;
            this.type = type;
        }

        @Override
        public Class<T> javaType() {
            return this.type;
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.append(this.text);
        }

        @Override
        public String toString() {
            return this.text;
        }
    }

    /** {@code CASE WHEN c THEN v ... ELSE e END}. */
    static final class Case<T> extends Expression<T> {

        private final List<Expression<Boolean>> conditions;

        private final List<Expression<?>> results;

        private final Expression<?> otherwise;

        private final Class<T> type;

        Case(List<Expression<Boolean>> conditions, List<Expression<?>> results, Expression<?> otherwise, Class<T> type) {
            this.conditions = List.copyOf(conditions);
            this.results = List.copyOf(results);
            this.otherwise = otherwise;
            this.type = type;
        }

        @Override
        public Class<T> javaType() {
            return this.type;
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.append("CASE");
            for (int i = 0; i < this.conditions.size(); i++) {
                compiler.append(" WHEN ");
                this.conditions.get(i).render(compiler);
                compiler.append(" THEN ");
                compiler.operand(this.results.get(i), Precedence.NONE);
            }
            compiler.append(" ELSE ");
            compiler.operand(this.otherwise, Precedence.NONE);
            compiler.append(" END");
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.conditions.forEach(c -> c.collectTables(tables));
            this.results.forEach(r -> r.collectTables(tables));
            this.otherwise.collectTables(tables);
        }
    }

    /** A scalar subquery: {@code (SELECT ...)} used as a value. */
    static final class Subquery<T> extends Expression<T> {

        private final Class<T> type;

        private final Select select;

        Subquery(Class<T> type, Select select) {
            this.type = type;
            this.select = select;
        }

        @Override
        public Class<T> javaType() {
            return this.type;
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.append("(");
            this.select.render(compiler);
            compiler.append(")");
        }
    }

    /** {@code EXISTS (SELECT ...)}. */
    static final class Exists extends Expression<Boolean> {

        private final Select select;

        Exists(Select select) {
            this.select = select;
        }

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            compiler.append("EXISTS (");
            this.select.render(compiler);
            compiler.append(")");
        }
    }
}
