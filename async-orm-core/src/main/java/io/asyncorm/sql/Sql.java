package io.asyncorm.sql;

import java.util.Objects;

/**
 * Entry point for building statements.
 *
 * <pre>{@code
 * import static io.asyncorm.sql.Sql.text;
 *
 * conn.execute(text("select * from t1 where name = :name"), Map.of("name", "some name 1"));
 * }</pre>
 */
public final class Sql {

    private Sql() {
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
}
