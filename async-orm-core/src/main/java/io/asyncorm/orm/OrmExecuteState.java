package io.asyncorm.orm;

import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.result.Result;
import io.asyncorm.sql.Executable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A statement the application runs through a session ({@code execute}, {@code scalars}, {@code list}, {@code scalar},
 * {@code get}), as an ORM execute listener sees it before it runs (SQLAlchemy's {@code ORMExecuteState}). A listener may
 * replace the statement, its parameters or its execution options, and the session then runs what the listener left;
 * or run it at once with {@link #invokeStatement()} (the listeners after it run first) and answer with the result or
 * another one (a cache). The relationship loads the session runs on its own (selectinload, {@code fetch}, the loads of
 * a delete cascade) pass here too, marked by {@link #isRelationshipLoad()}. Used by one listener call at a time.
 */
public final class OrmExecuteState {

    private final AsyncSession session;

    private Executable statement;

    private Map<String, ?> parameters;

    private ExecutionOptions executionOptions;

    private final @Nullable Class<?> loaded;

    private IntFunction<Mono<Result>> chain = from -> Mono.empty();

    private int position;

    OrmExecuteState(AsyncSession session, Executable statement, Map<String, ?> parameters, ExecutionOptions executionOptions,
            @Nullable Class<?> loaded) {
        this.session = session;
        this.statement = statement;
        this.parameters = parameters;
        this.executionOptions = executionOptions;
        this.loaded = loaded;
    }

    /** The listeners and the statement from a position on. */
    void chain(IntFunction<Mono<Result>> chain) {
        this.chain = chain;
    }

    /** The position of the listener being called. */
    void position(int position) {
        this.position = position;
    }

    /**
     * Runs the statement as this state now holds it, after the listeners that follow the calling one (SQLAlchemy's
     * {@code invoke_statement}). A listener that calls it answers with its result (or one made from it, such as a
     * {@code freeze()}d copy for a cache); the session does not run the statement again.
     *
     * @return the result; nothing runs until it is subscribed
     */
    public Mono<Result> invokeStatement() {
        int next = this.position + 1;
        return Mono.defer(() -> this.chain.apply(next));
    }

    /**
     * Whether this is the query of a relationship load the session runs on its own (SQLAlchemy's
     * {@code is_relationship_load}): a Core {@code Select} of the related table; a listener that replaces it must keep
     * its columns.
     *
     * @return whether it is
     */
    public boolean isRelationshipLoad() {
        return this.loaded != null;
    }

    /**
     * The session running the statement.
     *
     * @return the session
     */
    public AsyncSession session() {
        return this.session;
    }

    /**
     * The statement that will run.
     *
     * @return the statement
     */
    public Executable statement() {
        return this.statement;
    }

    /**
     * Replaces the statement (a global filter adds a condition to every entity query, say).
     *
     * @param statement the statement to run instead
     */
    public void statement(Executable statement) {
        this.statement = Objects.requireNonNull(statement, "statement");
    }

    /**
     * The bind parameters.
     *
     * @return the parameters by name
     */
    public Map<String, ?> parameters() {
        return this.parameters;
    }

    /**
     * Replaces the bind parameters.
     *
     * @param parameters the parameters by name
     */
    public void parameters(Map<String, ?> parameters) {
        this.parameters = Map.copyOf(parameters);
    }

    /**
     * The execution options of the call (an entity query's own options are applied under them).
     *
     * @return the options
     */
    public ExecutionOptions executionOptions() {
        return this.executionOptions;
    }

    /**
     * Replaces the call's execution options.
     *
     * @param options the options
     */
    public void executionOptions(ExecutionOptions options) {
        this.executionOptions = Objects.requireNonNull(options, "options");
    }

    /**
     * The entity class, for an entity query or a relationship load (the class it loads).
     *
     * @return the class; empty for a Core statement
     */
    public Optional<Class<?>> entityType() {
        if (this.loaded != null) {
            return Optional.of(this.loaded);
        }
        return this.statement instanceof EntitySelect<?> query ? Optional.of(query.entityType()) : Optional.empty();
    }

    /**
     * Whether the statement is an entity query ({@code Orm.select}).
     *
     * @return whether it is
     */
    public boolean isEntityQuery() {
        return this.statement instanceof EntitySelect<?>;
    }
}
