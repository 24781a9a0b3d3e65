package io.asyncorm.sql;

import java.util.Collection;
import java.util.List;

/** The value-like node kinds: labels, casts, function calls, literals, CASE, subqueries and EXISTS. */
final class Terms {

    private Terms() {
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
