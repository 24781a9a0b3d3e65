package io.asyncorm.exception;

import java.util.List;

/**
 * The database's schema does not match the tables declared in a {@code MetaData} (so the entity mapping): a table or a
 * column missing, or a column of an incompatible type. Raised by {@code MetaData.validate}, listing every mismatch.
 */
public class SchemaMismatchError extends AsyncOrmException {

    private static final long serialVersionUID = 1L;

    private final List<String> mismatches;

    /**
     * Creates the exception.
     *
     * @param mismatches each mismatch, one sentence each
     */
    public SchemaMismatchError(List<String> mismatches) {
        super("The database schema does not match the mapping: " + String.join("; ", mismatches)
                + ". Migrate the database (Flyway, Liquibase) or create the tables with MetaData.createAll");
        this.mismatches = List.copyOf(mismatches);
    }

    /**
     * The mismatches found.
     *
     * @return one sentence each, in table order
     */
    public List<String> mismatches() {
        return this.mismatches;
    }
}
