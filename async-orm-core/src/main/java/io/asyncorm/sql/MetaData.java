package io.asyncorm.sql;

import io.asyncorm.exception.ArgumentError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * A collection of tables and sequences: the schema as data. Creates and drops its tables in foreign-key order; a
 * cycle of foreign keys is broken by adding the constraints of the cycle with ALTER TABLE after the
 * tables exist (and dropping them first), as SQLAlchemy does.
 *
 * <pre>{@code
 * MetaData metadata = new MetaData();
 * Table t1 = metadata.table("t1", Column.of("id", SqlTypes.INTEGER).primaryKey(), Column.of("name", SqlTypes.varchar(50)));
 * engine.begin(conn -> metadata.dropAll(conn).then(metadata.createAll(conn)));
 * }</pre>
 *
 * <p>Adding tables is not safe for concurrent use; build the metadata once at startup. Reading it is.
 */
public final class MetaData {

    private final Map<String, Table> tables = new LinkedHashMap<>();

    private final Map<String, Sequence> sequences = new LinkedHashMap<>();

    /** Creates empty metadata. */
    public MetaData() {
    }

    /**
     * Builds a table from columns, constraints and indexes, and adds it.
     *
     * @param name the table name
     * @param elements columns, {@link ForeignKey}s, {@link UniqueConstraint}s, {@link CheckConstraint}s, {@link Index}es
     * @return the table
     * @throws ArgumentError when a table of that name exists, or an element is inconsistent
     */
    public Table table(String name, TableElement... elements) {
        if (this.tables.containsKey(name)) {
            throw new ArgumentError("Table '" + name + "' is already defined in this MetaData");
        }
        Table table = new Table(this, name, elements);
        this.tables.put(name, table);
        return table;
    }

    /**
     * Adds a table built in another {@link MetaData}, so that this one's DDL creates and drops it too.
     * The table is shared, not copied: statements built on it work with either. The ORM's
     * {@code Registry} uses this when two registries map the same entity class.
     *
     * @param table the table
     * @return this metadata
     * @throws ArgumentError when a different table of that name is already here
     */
    public MetaData add(Table table) {
        Table present = this.tables.putIfAbsent(table.name(), table);
        if (present != null && present != table) {
            throw new ArgumentError("Table '" + table.name() + "' is already defined in this MetaData");
        }
        return this;
    }

    /**
     * Declares a sequence, created before the tables and dropped after them.
     *
     * @param name the sequence name
     * @param start the first value
     * @return the sequence
     * @throws ArgumentError when a sequence of that name exists
     */
    public Sequence sequence(String name, long start) {
        if (this.sequences.containsKey(name)) {
            throw new ArgumentError("Sequence '" + name + "' is already defined in this MetaData");
        }
        Sequence sequence = new Sequence(name, start);
        this.sequences.put(name, sequence);
        return sequence;
    }

    /**
     * Adds a sequence declared in another {@link MetaData}, as {@link #add(Table)} does for tables.
     *
     * @param sequence the sequence
     * @return this metadata
     */
    public MetaData add(Sequence sequence) {
        Sequence present = this.sequences.putIfAbsent(sequence.name(), sequence);
        if (present != null && present != sequence) {
            throw new ArgumentError("Sequence '" + sequence.name() + "' is already defined in this MetaData");
        }
        return this;
    }

    /**
     * The sequences in the order they were declared.
     *
     * @return an immutable list
     */
    public List<Sequence> sequences() {
        return List.copyOf(this.sequences.values());
    }

    /**
     * A table by name.
     *
     * @param name the table name
     * @return the table, or empty
     */
    public Optional<Table> table(String name) {
        return Optional.ofNullable(this.tables.get(name));
    }

    /**
     * The tables in the order they were added.
     *
     * @return an immutable list
     */
    public List<Table> tables() {
        return List.copyOf(this.tables.values());
    }

    /**
     * The tables in creation order: every table after the tables it references (cycles broken in the
     * order the tables were added).
     *
     * @return an immutable list
     */
    public List<Table> sortedTables() {
        return SchemaOperations.plan(new ArrayList<>(this.tables.values())).order();
    }

    /**
     * Creates the tables that do not exist yet, in foreign-key order (checkfirst).
     *
     * @param connection the connection to run the DDL on
     * @return completes when done
     */
    public Mono<Void> createAll(StatementExecutor connection) {
        return createAll(connection, true);
    }

    /**
     * Checks that the database holds these tables: each table and column present, each column of a compatible type
     * (text, integer, decimal, floating point, boolean, date, time, timestamp, binary, uuid, json; other types are not
     * compared). What the database has beyond them is not a mismatch. Use it at startup when the schema comes from
     * migrations (Flyway, Liquibase) rather than {@link #createAll}.
     *
     * @param connection the connection whose catalog to read
     * @return completes when the schema matches; fails with {@link io.asyncorm.exception.SchemaMismatchError} listing
     *         every mismatch otherwise
     */
    public Mono<Void> validate(StatementExecutor connection) {
        return SchemaValidation.mismatches(connection, tables()).flatMap(mismatches -> mismatches.isEmpty() ? Mono.empty()
                : Mono.error(new io.asyncorm.exception.SchemaMismatchError(mismatches)));
    }

    /**
     * Creates the tables in foreign-key order.
     *
     * @param connection the connection to run the DDL on
     * @param checkFirst whether to skip tables that exist
     * @return completes when done
     */
    public Mono<Void> createAll(StatementExecutor connection, boolean checkFirst) {
        Mono<Void> sequences = reactor.core.publisher.Flux.fromIterable(this.sequences.values())
                .concatMap(sequence -> connection.execute(sequence.create())).then();
        return sequences.then(SchemaOperations.create(connection, tables(), checkFirst));
    }

    /**
     * Drops the tables that exist, in reverse foreign-key order (checkfirst).
     *
     * @param connection the connection to run the DDL on
     * @return completes when done
     */
    public Mono<Void> dropAll(StatementExecutor connection) {
        return dropAll(connection, true);
    }

    /**
     * Drops the tables in reverse foreign-key order.
     *
     * @param connection the connection to run the DDL on
     * @param checkFirst whether to skip tables that do not exist
     * @return completes when done
     */
    public Mono<Void> dropAll(StatementExecutor connection, boolean checkFirst) {
        return SchemaOperations.drop(connection, tables(), checkFirst).thenMany(reactor.core.publisher.Flux.fromIterable(
                this.sequences.values())).concatMap(sequence -> connection.execute(sequence.drop())).then();
    }
}
