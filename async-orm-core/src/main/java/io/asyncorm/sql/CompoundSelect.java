package io.asyncorm.sql;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.exception.ArgumentError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SELECTs combined with UNION or UNION ALL, made by {@link Sql#union(Select...)} and
 * {@link Sql#unionAll(Select...)}. Immutable; compiled SQL is cached per dialect.
 */
public final class CompoundSelect implements Executable {

    @Override
    public boolean isQuery() {
        return true;
    }

    private final String operator;

    private final List<Select> selects;

    private final Map<String, CompiledStatement> compiled = new ConcurrentHashMap<>(4);

    CompoundSelect(String operator, List<Select> selects) {
        if (selects.size() < 2) {
            throw new ArgumentError(operator.trim() + " combines at least two selects");
        }
        this.operator = operator;
        this.selects = List.copyOf(selects);
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        return this.compiled.computeIfAbsent(dialect.name(), key -> {
            SqlCompiler compiler = new SqlCompiler(dialect);
            for (int i = 0; i < this.selects.size(); i++) {
                if (i > 0) {
                    compiler.append(this.operator);
                }
                this.selects.get(i).render(compiler);
            }
            return compiler.result();
        });
    }

    @Override
    public String toString() {
        return this.operator.trim() + this.selects;
    }
}
