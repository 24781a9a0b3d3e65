package io.asyncorm.engine;

import io.asyncorm.dialect.PostgresDialect;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Table;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} over r2dbc-postgresql: rows are encoded in COPY's text
 * format, {@value #ROWS_PER_BUFFER} rows per buffer, as the publisher delivers them. The only class that
 * touches r2dbc-postgresql's API, so the driver stays optional for applications on other databases.
 */
final class PostgresCopyIn {

    private static final int ROWS_PER_BUFFER = 1000;

    private PostgresCopyIn() {
    }

    static String sql(Table table, List<Column<?>> columns) {
        if (columns.isEmpty()) {
            throw new ArgumentError("copyIn needs at least one column");
        }
        StringBuilder sql = new StringBuilder("COPY ").append(PostgresDialect.INSTANCE.identifier(table.name())).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).table() != table) {
                throw new ArgumentError("Column " + columns.get(i) + " is not a column of table '" + table.name() + "'");
            }
            sql.append(i == 0 ? "" : ", ").append(PostgresDialect.INSTANCE.identifier(columns.get(i).name()));
        }
        return sql.append(") FROM STDIN").toString();
    }

    static Mono<Long> copy(Connection pooled, String sql, List<Column<?>> columns, Publisher<? extends List<?>> rows) {
        Connection physical = PhysicalConnections.unwrap(pooled);
        if (!(physical instanceof PostgresqlConnection postgres)) {
            return Mono.error(new InvalidRequestError("copyIn needs an r2dbc-postgresql connection, got " + physical.getClass().getName()));
        }
        Flux<ByteBuf> data = Flux.<List<?>>from(rows).buffer(ROWS_PER_BUFFER).map(batch -> encode(batch, columns));
        return postgres.copyIn(sql, data);
    }

    private static ByteBuf encode(List<? extends List<?>> rows, List<Column<?>> columns) {
        StringBuilder text = new StringBuilder(rows.size() * 32);
        for (List<?> row : rows) {
            if (row.size() != columns.size()) {
                throw new ArgumentError("A copyIn row has " + row.size() + " values for " + columns.size() + " columns: " + row);
            }
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    text.append('\t');
                }
                Object value = row.get(i);
                if (value == null) {
                    text.append("\\N");
                } else {
                    appendValue(text, columns.get(i).type().toDriver(value));
                }
            }
            text.append('\n');
        }
        return Unpooled.wrappedBuffer(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendValue(StringBuilder text, Object value) {
        if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof byte[] bytes) {
            text.append("\\\\x").append(HexFormat.of().formatHex(bytes));
        } else {
            String string = value.toString();
            for (int i = 0; i < string.length(); i++) {
                char c = string.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }
    }
}
