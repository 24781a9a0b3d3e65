package io.asyncorm.orm;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.UnboundExecutionError;
import io.asyncorm.sql.Executable;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Chooses a session's engine for each statement (SQLAlchemy's {@code get_bind}, really used). */
final class SessionBinds {

    private final SessionOptions options;

    private final Predicate<AsyncEngine> held;

    private final Supplier<Map<String, Object>> info;

    SessionBinds(SessionOptions options, Predicate<AsyncEngine> held, Supplier<Map<String, Object>> info) {
        this.options = options;
        this.held = held;
        this.info = info;
    }

    /** The class a caller's statement is about: an entity query's, or the class mapped to a DML statement's table. */
    @Nullable Class<?> entityOf(Executable statement) {
        return statement instanceof EntitySelect<?> query ? query.entityType()
                : statement.targetTable().map(table -> this.options.registry().entityOf(table)).orElse(null);
    }

    /** The resolver's engine to use when a checkout from {@code failed} could not connect; null for none. */
    /** Whether a failed checkout may fall back to another engine: a bind resolver decides, unless bound to a connection. */
    boolean mayFallBack() {
        return this.options.bindResolver() != null && this.options.connection() == null;
    }

    @Nullable AsyncEngine fallback(@Nullable Class<?> entity, @Nullable Executable statement, boolean flushing, AsyncEngine failed,
            Throwable error) {
        BindResolver resolver = this.options.bindResolver();
        return resolver == null || this.options.connection() != null ? null
                : resolver.fallback(new BindContext(entity, statement, flushing, this.held, this.info), failed, error);
    }

    /** The engine for a statement: the maker's resolver, then its per-class binds, then its engine. */
    AsyncEngine engineFor(@Nullable Class<?> entity, @Nullable Executable statement, boolean flushing) {
        if (this.options.connection() != null) {
            // Bound to an outer connection: everything runs on it (SessionTransactions joins it for this engine).
            return this.options.connection().engine();
        }
        BindResolver resolver = this.options.bindResolver();
        if (resolver != null) {
            AsyncEngine resolved = resolver.resolve(new BindContext(entity, statement, flushing, this.held, this.info));
            if (resolved != null) {
                return resolved;
            }
        }
        for (Class<?> type = entity; type != null && type != Object.class; type = type.getSuperclass()) {
            AsyncEngine bound = this.options.binds().get(type);
            if (bound != null) {
                return bound;
            }
        }
        AsyncEngine engine = this.options.engine();
        if (engine == null) {
            throw new UnboundExecutionError("Could not locate an engine for " + (entity != null ? "entity " + entity.getSimpleName()
                    : statement != null ? "this " + statement.getClass().getSimpleName() + " statement" : "the session's connection")
                    + ": the session maker has no engine, no binds() entry for it, and "
                    + (resolver == null ? "no bind resolver" : "its bind resolver returned null")
                    + ". Give AsyncSessionMaker.builder(engine, registry) an engine, bind the class with binds(...), or resolve it "
                    + "in bindResolver(...)");
        }
        return engine;
    }
}
