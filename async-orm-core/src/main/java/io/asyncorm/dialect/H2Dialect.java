package io.asyncorm.dialect;

import io.asyncorm.exception.ArgumentError;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * H2 through r2dbc-h2, the embedded default: {@code $n} bind markers, double-quoted identifiers,
 * upper-case folding of unquoted names (reported labels are normalised to lower case). Rows are
 * produced on demand from H2's in-process result, so streaming is supported.
 */
public final class H2Dialect implements Dialect {

    /** The shared instance; the dialect has no state. */
    public static final H2Dialect INSTANCE = new H2Dialect();

    // H2 2.4: "PUBLIC.UQ_NAME INDEX PUBLIC.UQ_NAME_INDEX_2 ON PUBLIC.T(...)" (unique constraint first);
    // older: "PUBLIC.UQ_NAME_INDEX_2 ON PUBLIC.T(...)", where H2 names the index <constraint>_INDEX_<n>;
    // "FK_B_A: PUBLIC.B FOREIGN KEY..." (referential), "CK_POSITIVE: ..." (check).
    private static final Pattern UNIQUE_CONSTRAINT = Pattern.compile("violation: \"(?:[A-Za-z0-9_]+\\.)?([A-Za-z0-9_]+) INDEX ");

    private static final Pattern UNIQUE = Pattern.compile("violation: \"(?:[A-Za-z0-9_]+\\.)?([A-Za-z0-9_]+?)(?:_INDEX_[A-Za-z0-9]+)? ON ");

    private static final Pattern PRIMARY_KEY = Pattern.compile("violation: \"(PRIMARY KEY) ON ");

    private static final Pattern NAMED = Pattern.compile("(?:violation|invalid): \"(?:[A-Za-z0-9_]+\\.)?([A-Za-z0-9_]+):");

    private H2Dialect() {
    }

    private static final CatalogQueries CATALOG = CatalogQueries.standard("current_schema()",
            "select i.index_name, c.column_name, i.index_type_name = 'UNIQUE INDEX' from information_schema.indexes i"
                    + " join information_schema.index_columns c on c.index_schema = i.index_schema and c.index_name = i.index_name"
                    + " where i.table_schema = current_schema() and lower(i.table_name) = lower(:table)"
                    + " and i.index_type_name in ('INDEX', 'UNIQUE INDEX')"
                    + " and not exists (select 1 from information_schema.table_constraints t"
                    + " where t.index_schema = i.index_schema and t.index_name = i.index_name)"
                    + " order by i.index_name, c.ordinal_position");

    @Override
    public CatalogQueries catalogQueries() {
        return CATALOG;
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String bindMarker(int index) {
        return "$" + (index + 1);
    }

    @Override
    public String normalizeName(String label) {
        return label.equals(label.toUpperCase(Locale.ROOT)) ? label.toLowerCase(Locale.ROOT) : label;
    }

    @Override
    public Class<?> untypedNullType() {
        return String.class;
    }

    @Override
    public int maxIdentifierLength() {
        return 256;
    }

    /**
     * H2 runs a statement on the thread that asked for it, and closes an embedded session without waiting for a
     * statement still running on it: the close rolls back, then commits (to drop the session's temporary objects), so
     * rows the statement writes in between are committed, and a table lock it takes after the close is held until the
     * database closes. A ROLLBACK sent through the driver waits for the session's lock, which the running statement
     * holds: once it answers, the statement has ended and its transaction is rolled back.
     */
    @Override
    public Mono<Void> awaitRunning(Connection physical) {
        return Flux.from(physical.createStatement("ROLLBACK").execute()).concatMap(Result::getRowsUpdated).then()
                .onErrorResume(error -> Mono.empty());
    }

    /**
     * Refuses a ';' inside a string literal, quoted name or comment: r2dbc-h2 cuts every statement at each ';'
     * before parsing (r2dbc/r2dbc-h2#252), so such a statement would fail with a misleading syntax error, or run
     * in pieces. Values bound as parameters are not affected.
     */
    @Override
    public void checkSql(String sql) {
        if (sql.indexOf(';') < 0) {
            return;
        }
        char quote = 0;
        boolean lineComment = false;
        boolean blockComment = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            if (lineComment) {
                lineComment = c != '\n';
            } else if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    i++;
                }
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0; // a doubled quote closes and reopens: same effect for this scan
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '-' && next == '-') {
                lineComment = true;
            } else if (c == '/' && next == '*') {
                blockComment = true;
            }
            if (c == ';' && (quote != 0 || lineComment || blockComment)) {
                throw new ArgumentError("This statement has a ';' inside a string literal, quoted name or comment, and r2dbc-h2 "
                        + "cuts every statement at each ';' before running it (r2dbc/r2dbc-h2#252), so it would fail or run in "
                        + "pieces. Bind the value as a parameter (text(\"... = :value\") with Map.of(\"value\", ...)), or remove "
                        + "the ';'. Statement: " + sql);
            }
        }
    }

    @Override
    public boolean supportsServerSideCursors() {
        return true;
    }

    @Override
    public boolean supportsStatementsWhileStreaming() {
        return true;
    }

    @Override
    public String isolationLevelQuery() {
        return "SELECT ISOLATION_LEVEL FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()";
    }

    /**
     * {@code SET SESSION CHARACTERISTICS}: r2dbc-h2 sends {@code SET LOCK_MODE}, which H2 2.x does not treat as
     * isolation (and which needs admin rights), so a connection asking for SERIALIZABLE would run at READ COMMITTED.
     */
    @Override
    public Mono<Void> setIsolationLevel(Connection connection, IsolationLevel level) {
        return Flux.from(connection.createStatement("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + level.asSql())
                .execute()).concatMap(Result::getRowsUpdated).then();
    }

    @Override
    public ReturningStyle returningStyle() {
        return ReturningStyle.DATA_CHANGE_DELTA_TABLE;
    }

    @Override
    public UpsertStyle upsertStyle() {
        return UpsertStyle.MERGE;
    }

    @Override
    public @Nullable String constraintName(R2dbcException exception) {
        return ConstraintNames.firstGroup(exception.getMessage(), PRIMARY_KEY, UNIQUE_CONSTRAINT, UNIQUE, NAMED);
    }

    @Override
    public String toString() {
        return "H2Dialect";
    }

    @Override
    public String nextSequenceValuesQuery(String sequence, int count) {
        return "SELECT NEXT VALUE FOR " + sequence + " FROM SYSTEM_RANGE(1, " + count + ")";
    }
}
