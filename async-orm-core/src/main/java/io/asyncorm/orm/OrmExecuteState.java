package io.asyncorm.orm;

import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.sql.Executable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement the application runs through a session ({@code execute}, {@code scalars}, {@code list}, {@code scalar},
 * {@code get}), as an ORM execute listener sees it before it runs (SQLAlchemy's {@code ORMExecuteState}). A listener may
 * replace the statement, its parameters or its execution options, and the session then runs what the listener left.
 * The relationship loads the session runs on its own do not pass here. Used by one listener call at a time.
 */
public final class OrmExecuteState {

    private final AsyncSession session;

    private Executable statement;

    private Map<String, ?> parameters;

    private ExecutionOptions executionOptions;

    OrmExecuteState(AsyncSession session, Executable statement, Map<String, ?> parameters, ExecutionOptions executionOptions) {
        this.session = session;
        this.statement = statement;
        this.parameters = parameters;
        this.executionOptions = executionOptions;
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
     * The entity class, for an entity query.
     *
     * @return the class; empty for a Core statement
     */
    public Optional<Class<?>> entityType() {
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
