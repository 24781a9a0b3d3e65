package io.asyncorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.dialect.H2Dialect;
import io.asyncorm.dialect.PostgresDialect;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * The types the engine asks the driver for when it copies rows: the driver's own choice ({@code Object}) for a result's
 * first row, then, from the second row, the type the dialect names for each column (on PostgreSQL the column's Java type
 * when it is a plain one; r2dbc-postgresql finds that codec in a small table instead of probing the one for every type).
 */
class ReadTypesTests {

    private final List<Class<?>> asked = new ArrayList<>();

    private final RowMetadata metadata = metadata(column("id", Long.class), column("doc", io.r2dbc.postgresql.codec.Json.class),
            column("name", String.class));

    @Test
    void onPostgresqlTheFirstRowIsReadAsObjectAndTheNextOnesByTheirPlainTypes() {
        StatementRunner.MappedRows<Object> rows = new StatementRunner.MappedRows<>(PostgresDialect.INSTANCE, "select", row -> row.get(0));
        rows.apply(row(), this.metadata);
        assertThat(this.asked).containsExactly(Object.class, Object.class, Object.class);
        this.asked.clear();
        rows.apply(row(), this.metadata);
        rows.apply(row(), this.metadata);
        assertThat(this.asked).containsExactly(Long.class, Object.class, String.class, Long.class, Object.class, String.class);
        assertThat(rows.made()).containsExactly(7L, 7L, 7L);
    }

    @Test
    void aNewMetadataStartsOverWithItsFirstRowReadAsObject() {
        StatementRunner.MappedRows<Object> rows = new StatementRunner.MappedRows<>(PostgresDialect.INSTANCE, "select", row -> row.get(0));
        rows.apply(row(), this.metadata);
        rows.apply(row(), this.metadata);
        this.asked.clear();
        rows.apply(row(), metadata(column("id", Long.class), column("doc", Object.class), column("name", String.class)));
        assertThat(this.asked).containsOnly(Object.class);
    }

    @Test
    void otherDialectsReadEveryRowAsObject() {
        for (Dialect dialect : List.of(H2Dialect.INSTANCE, io.asyncorm.dialect.MariaDbDialect.INSTANCE)) {
            StatementRunner.MappedRows<Object> rows = new StatementRunner.MappedRows<>(dialect, "select", row -> row.get(0));
            for (int i = 0; i < 3; i++) {
                rows.apply(row(), this.metadata);
            }
        }
        assertThat(this.asked).hasSize(18).containsOnly(Object.class);
    }

    private Row row() {
        return new Row() {
            @Override
            public RowMetadata getMetadata() {
                return ReadTypesTests.this.metadata;
            }

            @Override
            public <T> T get(int index, Class<T> type) {
                ReadTypesTests.this.asked.add(type);
                return type.cast(index == 1 ? null : index == 0 ? (Object) 7L : "seven");
            }

            @Override
            public <T> T get(String name, Class<T> type) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static ColumnMetadata column(String name, Class<?> javaType) {
        return new ColumnMetadata() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Class<?> getJavaType() {
                return javaType;
            }

            @Override
            public Type getType() {
                return new Type() {
                    @Override
                    public Class<?> getJavaType() {
                        return javaType;
                    }

                    @Override
                    public String getName() {
                        return javaType.getSimpleName();
                    }
                };
            }
        };
    }

    private static RowMetadata metadata(ColumnMetadata... columns) {
        return new RowMetadata() {
            @Override
            public ColumnMetadata getColumnMetadata(int index) {
                return columns[index];
            }

            @Override
            public ColumnMetadata getColumnMetadata(String name) {
                throw new NoSuchElementException(name);
            }

            @Override
            public List<? extends ColumnMetadata> getColumnMetadatas() {
                return List.of(columns);
            }
        };
    }
}
