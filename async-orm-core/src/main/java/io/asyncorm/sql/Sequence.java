package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.Objects;

/**
 * A database sequence of a {@link MetaData}: created before its tables ({@code CREATE SEQUENCE IF NOT
 * EXISTS}), dropped after them. {@link #nextValues(int)} draws several values in one statement, which
 * is how the ORM gives keys to a batch of new rows. Immutable.
 */
public final class Sequence {

    private final String name;

    private final long start;

    Sequence(String name, long start) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new ArgumentError("A sequence name must not be blank");
        }
        this.name = name;
        this.start = start;
    }

    /**
     * The name.
     *
     * @return the sequence name
     */
    public String name() {
        return this.name;
    }

    /**
     * The first value.
     *
     * @return the start
     */
    public long start() {
        return this.start;
    }

    /**
     * A statement returning the next {@code count} values, one row each.
     *
     * @param count how many values, at least one
     * @return the statement
     */
    public Executable nextValues(int count) {
        if (count < 1) {
            throw new ArgumentError("nextValues needs a count of at least 1, got " + count);
        }
        return new DdlStatement(dialect -> dialect.nextSequenceValuesQuery(dialect.identifier(this.name), count));
    }

    Executable create() {
        return new DdlStatement(dialect -> "CREATE SEQUENCE IF NOT EXISTS " + dialect.identifier(this.name) + " START WITH "
                + this.start);
    }

    Executable drop() {
        return new DdlStatement(dialect -> "DROP SEQUENCE IF EXISTS " + dialect.identifier(this.name));
    }

    @Override
    public String toString() {
        return "Sequence[" + this.name + "]";
    }
}
