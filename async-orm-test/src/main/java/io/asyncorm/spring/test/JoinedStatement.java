package io.asyncorm.spring.test;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A statement of a handle in auto-commit: it runs inside the handle's implicit savepoint (see {@link JoinedConnection}). */
final class JoinedStatement implements Statement {

    private final Statement delegate;

    private final Mono<Void> before;

    JoinedStatement(Statement delegate, Mono<Void> before) {
        this.delegate = delegate;
        this.before = before;
    }

    @Override
    public Statement add() {
        this.delegate.add();
        return this;
    }

    @Override
    public Statement bind(int index, Object value) {
        this.delegate.bind(index, value);
        return this;
    }

    @Override
    public Statement bind(String name, Object value) {
        this.delegate.bind(name, value);
        return this;
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
        this.delegate.bindNull(index, type);
        return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
        this.delegate.bindNull(name, type);
        return this;
    }

    @Override
    public Statement returnGeneratedValues(String... columns) {
        this.delegate.returnGeneratedValues(columns);
        return this;
    }

    @Override
    public Statement fetchSize(int rows) {
        this.delegate.fetchSize(rows);
        return this;
    }

    @Override
    public Publisher<? extends Result> execute() {
        return this.before.thenMany(Flux.from(this.delegate.execute()));
    }
}
