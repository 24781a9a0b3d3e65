package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.Collection;
import java.util.List;

/** The operator node kinds behind {@link Expression}'s comparisons, arithmetic and boolean combinators. */
final class Nodes {

    private Nodes() {
    }

    /** Predicates added to an existing one (WHERE, HAVING), joined with AND; null when there are none. */
    @SafeVarargs
    static @org.jspecify.annotations.Nullable Expression<Boolean> combine(
            @org.jspecify.annotations.Nullable Expression<Boolean> existing, Expression<Boolean>... added) {
        List<Expression<Boolean>> terms = new java.util.ArrayList<>();
        if (existing != null) {
            terms.add(existing);
        }
        for (Expression<Boolean> item : added) {
            terms.add(item);
        }
        if (terms.isEmpty()) {
            return null;
        }
        return terms.size() == 1 ? terms.get(0) : Sql.and(terms);
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

    /** {@code x [NOT] IN (a, b, c)} or {@code x [NOT] IN (SELECT ...)}; an empty list renders a constant predicate. */
    static final class In extends Expression<Boolean> {

        private final Expression<?> operand;

        private final List<Expression<?>> values;

        private final @org.jspecify.annotations.Nullable Select subquery;

        private final boolean negated;

        In(Expression<?> operand, List<Expression<?>> values, boolean negated) {
            this(operand, values, null, negated);
        }

        In(Expression<?> operand, Select subquery, boolean negated) {
            this(operand, List.of(), subquery, negated);
        }

        private In(Expression<?> operand, List<Expression<?>> values, @org.jspecify.annotations.Nullable Select subquery,
                boolean negated) {
            this.operand = operand;
            this.values = List.copyOf(values);
            this.subquery = subquery;
            this.negated = negated;
        }

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            if (this.subquery == null && this.values.isEmpty()) {
                compiler.append(this.negated ? "1 = 1" : "1 = 0");
                return;
            }
            compiler.operand(this.operand, Precedence.COMPARISON + 1);
            compiler.append(this.negated ? " NOT IN (" : " IN (");
            if (this.subquery != null) {
                this.subquery.render(compiler);
            } else {
                compiler.list(this.values);
            }
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
            this.pattern.collectTables(tables);
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

    /**
     * {@code column IN (:name, ...)} over {@code count} values given as one collection parameter: one array on PostgreSQL
     * ({@code column = ANY($1::type[])}), where the column's values can travel in one; a marker per value elsewhere.
     */
    static final class ExpandingIn extends Expression<Boolean> {

        private final Column<?> column;

        private final String name;

        private final int count;

        ExpandingIn(Column<?> column, String name, int count) {
            this.column = column;
            this.name = name;
            this.count = count;
        }

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        void render(SqlCompiler compiler) {
            if (this.count == 0) {
                compiler.append("1 = 0");
                return;
            }
            compiler.operand(this.column, Precedence.COMPARISON + 1);
            SqlType<?> type = this.column.type();
            if (compiler.dialect.name().equals("postgresql") && InsertManyValues.travelsInArray(this.column)) {
                compiler.append(" = ANY(");
                // The text is the same for every count; the count checked when binding is not.
                compiler.shapeOnly(this.count);
                compiler.bind(this.name, false, null, type.array(this.column.javaType(), this.count));
                compiler.append("::").append(type.ddl(compiler.dialect)).append("[])");
                return;
            }
            compiler.append(" IN (");
            for (int i = 0; i < this.count; i++) {
                compiler.append(i == 0 ? "" : ", ");
                compiler.bind(this.name, false, null, type.element(i, this.count));
            }
            compiler.append(")");
        }

        @Override
        int precedence() {
            return Precedence.COMPARISON;
        }

        @Override
        void collectTables(Collection<Table> tables) {
            this.column.collectTables(tables);
        }
    }
}
