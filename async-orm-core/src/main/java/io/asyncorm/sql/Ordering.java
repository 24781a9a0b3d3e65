package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import org.jspecify.annotations.Nullable;

/**
 * One ORDER BY term: an expression, its direction and where NULLs go. Immutable.
 */
public final class Ordering {

    private final Expression<?> expression;

    private final boolean ascending;

    private final @Nullable Boolean nullsFirst;

    private final boolean explicit;

    Ordering(Expression<?> expression, boolean ascending, @Nullable Boolean nullsFirst) {
        this(expression, ascending, nullsFirst, true);
    }

    private Ordering(Expression<?> expression, boolean ascending, @Nullable Boolean nullsFirst, boolean explicit) {
        this.expression = expression;
        this.ascending = ascending;
        this.nullsFirst = nullsFirst;
        this.explicit = explicit;
    }

    /**
     * NULLs before other values.
     *
     * @return the ordering
     */
    public Ordering nullsFirst() {
        return new Ordering(this.expression, this.ascending, true);
    }

    /**
     * NULLs after other values.
     *
     * @return the ordering
     */
    public Ordering nullsLast() {
        return new Ordering(this.expression, this.ascending, false);
    }

    Expression<?> expression() {
        return this.expression;
    }

    void render(SqlCompiler compiler) {
        if (this.nullsFirst != null && !compiler.dialect.supportsNullsOrdering()) {
            // MariaDB: emulate with a leading "x IS NULL" key (false sorts before true).
            compiler.operand(this.expression, Precedence.COMPARISON + 1);
            compiler.append(this.nullsFirst ? " IS NOT NULL, " : " IS NULL, ");
        }
        compiler.operand(this.expression, Precedence.COMPARISON + 1);
        if (this.explicit) {
            compiler.append(this.ascending ? " ASC" : " DESC");
        }
        if (this.nullsFirst != null && compiler.dialect.supportsNullsOrdering()) {
            compiler.append(this.nullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    static Ordering of(Object term) {
        if (term instanceof Ordering ordering) {
            return ordering;
        }
        if (term instanceof Expression<?> expression) {
            return new Ordering(expression, true, null, false);
        }
        throw new ArgumentError("ORDER BY takes expressions or orderings (expr.asc(), expr.desc()), not " + term);
    }
}
