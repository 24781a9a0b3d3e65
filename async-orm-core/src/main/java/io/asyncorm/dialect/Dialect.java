package io.asyncorm.dialect;

import io.asyncorm.exception.ArgumentError;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The database-specific rules the engine and the SQL compiler need. Implementations are stateless
 * and safe for concurrent use: {@link PostgresDialect}, {@link H2Dialect}, {@link MariaDbDialect}.
 *
 * <pre>{@code
 * Dialect dialect = engine.dialect();
 * dialect.bindMarker(0); // "$1" on PostgreSQL and H2, "?" on MariaDB
 * }</pre>
 */
public interface Dialect {

    /**
     * The dialect's name, lower case: {@code postgresql}, {@code h2}, {@code mariadb}.
     *
     * @return the name
     */
    String name();

    /**
     * The bind marker for the parameter at a position.
     *
     * @param index zero-based position of the parameter in the statement
     * @return the marker to put into the SQL text
     */
    String bindMarker(int index);

    /**
     * Quotes an identifier so that it keeps its case and may be a reserved word. The default is the
     * SQL standard's double quotes.
     *
     * @param identifier the bare identifier
     * @return the quoted identifier
     */
    default String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Turns a column label as the driver reports it into the key a row is read by. Databases that fold
     * unquoted names to upper case (H2) report {@code NAME} for {@code name}; this returns {@code name}.
     *
     * @param label the label reported by the driver
     * @return the key used in {@code Row} and result {@code keys()}
     */
    default String normalizeName(String label) {
        return label;
    }

    /**
     * The type to declare for a plain {@code null} parameter, when the application did not give one
     * with {@code Sql.nullOf(type)}; chosen so that the database converts the NULL to any column type.
     *
     * @return the Java type passed to {@code Statement.bindNull}
     */
    default Class<?> untypedNullType() {
        return Object.class;
    }

    /**
     * Whether the driver streams rows from an open cursor on demand. Without it, {@code stream()} is
     * refused with a clear error rather than silently buffering the whole result.
     *
     * @return true when {@code Statement.fetchSize} is honoured
     */
    boolean supportsServerSideCursors();

    /**
     * Whether INSERT, UPDATE and DELETE can return rows ({@code RETURNING}).
     *
     * @return true when RETURNING is supported
     */
    boolean supportsReturning();

    /**
     * The name of the constraint a driver exception reports as violated.
     *
     * @param exception an integrity violation raised by the driver
     * @return the constraint name as the database spells it, or null when the message does not say
     */
    @Nullable String constraintName(R2dbcException exception);

    /**
     * Picks the dialect for an R2DBC driver from its metadata name.
     *
     * @param metadata the connection factory's metadata
     * @return the dialect
     * @throws ArgumentError when no dialect is known for the driver
     */
    static Dialect detect(ConnectionFactoryMetadata metadata) {
        return forName(metadata.getName());
    }

    /**
     * Picks a dialect by database or driver name, ignoring case.
     *
     * @param name for example {@code PostgreSQL}, {@code H2}, {@code MariaDB} or {@code MySQL}
     * @return the dialect
     * @throws ArgumentError when no dialect is known by that name
     */
    static Dialect forName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.contains("postgres")) {
            return PostgresDialect.INSTANCE;
        }
        if (key.equals("h2")) {
            return H2Dialect.INSTANCE;
        }
        if (key.contains("mariadb") || key.contains("mysql")) {
            return MariaDbDialect.INSTANCE;
        }
        throw new ArgumentError("No async-orm dialect for the R2DBC driver '" + name
                + "'; supported: PostgreSQL, H2, MariaDB (and MySQL through the MariaDB dialect)."
                + " Pass EngineOptions.builder().dialect(...) to use one explicitly.");
    }
}
