package io.asyncorm.orm;

import io.asyncorm.dialect.Dialect;
import io.asyncorm.engine.ExecutionOptions;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.orm.internal.ColumnProperty;
import io.asyncorm.orm.internal.EntityLoader;
import io.asyncorm.orm.internal.EntityMapping;
import io.asyncorm.orm.internal.EntityMappings;
import io.asyncorm.orm.internal.JoinedLoads;
import io.asyncorm.orm.internal.LoadPlan;
import io.asyncorm.sql.CompiledStatement;
import io.asyncorm.sql.Executable;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Select;
import io.asyncorm.sql.Sql;
import io.asyncorm.sql.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A query returning entities: {@code select(A.class)}. Immutable and reusable; every method returns a
 * new statement. An {@link AsyncSession} turns its rows into entities through the identity map and runs
 * its loader options; a plain {@code AsyncConnection} runs it as the Core SELECT of the entity's columns.
 *
 * <pre>{@code
 * EntitySelect<A> query = select(A.class)
 *         .where(A_.data.eq("a1"))
 *         .orderBy(A_.id.asc())
 *         .options(selectinload(A_.bs));
 * }</pre>
 *
 * @param <T> the entity type
 */
public final class EntitySelect<T> implements Executable {

    @Override
    public boolean isQuery() {
        return true;
    }

    private final Class<T> type;

    private final Select select;

    private final LoadPlan plan;

    private final boolean populateExisting;

    /** The attributes this query leaves unloaded: the mapping's deferred columns, changed by column options. */
    private final Set<String> deferred;

    private final ExecutionOptions executionOptions;

    private volatile @Nullable JoinedLoads joins;

    private EntitySelect(Class<T> type, Select select, LoadPlan plan, boolean populateExisting, ExecutionOptions executionOptions,
            Set<String> deferred) {
        this.type = type;
        this.select = select;
        this.plan = plan;
        this.populateExisting = populateExisting;
        this.executionOptions = executionOptions;
        this.deferred = deferred;
    }

    static <T> EntitySelect<T> of(Class<T> type) {
        EntityMapping<T> mapping = EntityMappings.of(type);
        Select select = mapping.loadSelect();
        EntityMapping.Hierarchy hierarchy = mapping.hierarchy();
        if (hierarchy != null && hierarchy.root() != type) {
            // A subclass of a single-table hierarchy reads the rows of its class and of its subclasses.
            select = select.where(mapping.table().c(hierarchy.discriminatorColumn()).in(hierarchy.values()));
        }
        return new EntitySelect<>(type, select, LoadPlan.defaults(), false, ExecutionOptions.none(), mapping.deferredAttributes());
    }

    private EntitySelect<T> with(Select select) {
        return new EntitySelect<>(this.type, select, this.plan, this.populateExisting, this.executionOptions, this.deferred);
    }

    /**
     * Adds WHERE conditions, joined with AND.
     *
     * @param conditions the conditions, for example {@code A_.data.eq("x")}
     * @return the new statement
     */
    @SafeVarargs
    public final EntitySelect<T> where(Expression<Boolean>... conditions) {
        return with(this.select.where(conditions));
    }

    /**
     * Adds ORDER BY terms.
     *
     * @param terms orderings ({@code A_.id.desc()}) or expressions
     * @return the new statement
     */
    public EntitySelect<T> orderBy(Object... terms) {
        return with(this.select.orderBy(terms));
    }

    /**
     * Joins a table, to filter on its columns; the query still returns entities of this class.
     *
     * @param table the table, for example another mapper's {@code table()}
     * @param on the join condition
     * @return the new statement
     */
    public EntitySelect<T> join(Table table, Expression<Boolean> on) {
        return with(this.select.join(table, on));
    }

    /**
     * LIMIT.
     *
     * @param rows the maximum number of rows
     * @return the new statement
     */
    public EntitySelect<T> limit(int rows) {
        return with(this.select.limit(rows));
    }

    /**
     * OFFSET.
     *
     * @param rows the rows to skip
     * @return the new statement
     */
    public EntitySelect<T> offset(int rows) {
        return with(this.select.offset(rows));
    }

    /**
     * SELECT ... FOR UPDATE.
     *
     * @param lock how to treat locked rows
     * @return the new statement
     */
    public EntitySelect<T> forUpdate(Select.Lock lock) {
        return with(this.select.forUpdate(lock));
    }

    /**
     * Whether the query locks the rows it selects ({@link #forUpdate(Select.Lock)}).
     *
     * @return true with a locking clause
     */
    public boolean locksRows() {
        return this.select.locksRows();
    }

    /**
     * Adds loader options.
     *
     * @param options the options, for example {@code selectinload(A_.bs)}
     * @return the new statement
     */
    public EntitySelect<T> options(LoaderOption... options) {
        EntityMapping<T> mapping = EntityMappings.of(this.type);
        LoadPlan next = this.plan;
        Set<String> unloaded = new LinkedHashSet<>(this.deferred);
        for (LoaderOption option : options) {
            LoaderOption.ColumnRule rule = option.columnRule();
            if (rule == null) {
                next = next.with(mapping, option.path());
            } else {
                applyColumnRule(mapping, rule, unloaded);
            }
        }
        return new EntitySelect<>(this.type, this.select, next, this.populateExisting, this.executionOptions,
                Set.copyOf(unloaded));
    }

    private static void applyColumnRule(EntityMapping<?> mapping, LoaderOption.ColumnRule rule, Set<String> unloaded) {
        if (rule.owner() != mapping.entityType()) {
            throw new ArgumentError("Column options apply to the query's own entity "
                    + mapping.entityType().getSimpleName() + ", not to " + rule.owner().getSimpleName()
                    + " (the columns of related objects load in full)");
        }
        for (String attribute : rule.attributes()) {
            ColumnProperty property = mapping.property(attribute);
            if (property.isId() || property.isVersion()) {
                throw new ArgumentError(mapping.entityType().getSimpleName() + "." + attribute
                        + " is a key or version column, which every load reads");
            }
        }
        switch (rule.load()) {
            case DEFER -> unloaded.addAll(rule.attributes());
            case UNDEFER -> unloaded.removeAll(rule.attributes());
            case LOAD_ONLY -> {
                unloaded.clear();
                for (ColumnProperty property : mapping.columns()) {
                    if (property.field() != null && !property.isId() && !property.isVersion()
                            && !rule.attributes().contains(property.attribute())) {
                        unloaded.add(property.attribute());
                    }
                }
            }
        }
    }

    /**
     * Overwrites the attributes of objects the session already has with the rows' values (SQLAlchemy's
     * {@code populate_existing}); by default an object in the identity map keeps its state.
     *
     * @return the new statement
     */
    public EntitySelect<T> populateExisting() {
        return new EntitySelect<>(this.type, this.select, this.plan, true, this.executionOptions, this.deferred);
    }

    /**
     * Adds execution options to this statement (SQLAlchemy's {@code select(...).execution_options(...)}): they reach
     * the connection the query runs on, under the options given to the call ({@code session.execute(query, params,
     * options)}), which win where both set one.
     *
     * @param options the options
     * @return the new statement
     */
    public EntitySelect<T> executionOptions(ExecutionOptions options) {
        return new EntitySelect<>(this.type, this.select, this.plan, this.populateExisting, this.executionOptions.merge(options),
                this.deferred);
    }

    /** The same query without execution options (to run buffered what was asked as a stream). */
    EntitySelect<T> withoutExecutionOptions() {
        return new EntitySelect<>(this.type, this.select, this.plan, this.populateExisting, ExecutionOptions.none(), this.deferred);
    }

    /**
     * The execution options of this statement.
     *
     * @return the options, {@link ExecutionOptions#none()} by default
     */
    public ExecutionOptions getExecutionOptions() {
        return this.executionOptions;
    }

    /**
     * The entity class.
     *
     * @return the class
     */
    public Class<T> entityType() {
        return this.type;
    }

    /**
     * The Core SELECT of the entity's columns.
     *
     * @return the statement
     */
    public Select toSelect() {
        return this.select;
    }

    LoadPlan plan() {
        return this.plan;
    }

    /** The joined eager loads: the statement actually sent, and where each joined entity's columns are. */
    JoinedLoads joins() {
        JoinedLoads planned = this.joins;
        if (planned == null) {
            planned = JoinedLoads.of(EntityMappings.of(this.type), withPlaceholders(), this.plan);
            this.joins = planned;
        }
        return planned;
    }

    /**
     * The SELECT with a {@code NULL AS name__deferred} in place of each column this query leaves unloaded, so rows keep
     * the mapping's column layout and the loader sees which columns were not read.
     */
    private Select withPlaceholders() {
        if (this.deferred.isEmpty()) {
            return this.select;
        }
        EntityMapping<T> mapping = EntityMappings.of(this.type);
        List<Object> columns = new ArrayList<>();
        for (ColumnProperty property : mapping.columns()) {
            // A subclass's deferred column is a hidden column of its superclasses' mappings, deferred in their queries too.
            columns.add((property.field() != null || property.isDeferred()) && this.deferred.contains(property.attribute())
                    ? Sql.literalColumn("NULL").as(property.column().name() + EntityLoader.DEFERRED_SUFFIX) : property.column());
        }
        return this.select.withOnlyColumns(columns.toArray());
    }

    boolean isPopulateExisting() {
        return this.populateExisting;
    }

    @Override
    public CompiledStatement compile(Dialect dialect) {
        return joins().select().compile(dialect);
    }

    @Override
    public String toString() {
        return "EntitySelect[" + this.type.getSimpleName() + "] " + this.select;
    }
}
