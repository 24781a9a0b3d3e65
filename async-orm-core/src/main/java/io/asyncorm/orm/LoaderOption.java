package io.asyncorm.orm;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.orm.internal.LoadPlan;
import io.asyncorm.orm.mapping.LoaderStrategy;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A loader option for a query: a path of relationships and how each is loaded. Built with
 * {@link Orm#selectinload(Attribute)} and friends and chained for nested paths:
 * {@code selectinload(A_.bs).selectinload(B_.cs)}. Immutable.
 */
public final class LoaderOption {

    /** What a column option does to the columns it names. */
    enum ColumnLoad {
        /** {@code defer}: leave them unloaded. */
        DEFER,
        /** {@code undefer}: load them. */
        UNDEFER,
        /** {@code loadOnly}: load them (and the key), defer every other column. */
        LOAD_ONLY
    }

    /** A column option of the query's own entity: which columns it loads. */
    record ColumnRule(ColumnLoad load, Class<?> owner, List<String> attributes) {
    }

    private final List<LoadPlan.Step> path;

    private final @Nullable ColumnRule columns;

    private LoaderOption(List<LoadPlan.Step> path) {
        this.path = List.copyOf(path);
        this.columns = null;
    }

    private LoaderOption(ColumnRule columns) {
        this.path = List.of();
        this.columns = columns;
    }

    static LoaderOption columns(ColumnLoad load, ColumnAttribute<?, ?>... attributes) {
        if (attributes.length == 0) {
            throw new ArgumentError(load.name().toLowerCase(java.util.Locale.ROOT) + "() needs at least one column attribute");
        }
        Class<?> owner = attributes[0].entityType();
        List<String> names = new ArrayList<>();
        for (ColumnAttribute<?, ?> attribute : attributes) {
            if (attribute.entityType() != owner) {
                throw new ArgumentError("Column options name columns of one entity: " + attribute + " is not a column of "
                        + owner.getSimpleName());
            }
            names.add(attribute.name());
        }
        return new LoaderOption(new ColumnRule(load, owner, names));
    }

    static LoaderOption of(Attribute<?, ?> attribute, LoaderStrategy strategy) {
        return new LoaderOption(List.of(step(attribute, strategy)));
    }

    private static LoadPlan.Step step(Attribute<?, ?> attribute, LoaderStrategy strategy) {
        if (attribute instanceof ColumnAttribute<?, ?>) {
            throw new ArgumentError(attribute + " is a column; loader options take relationships");
        }
        return new LoadPlan.Step(attribute.entityType(), attribute.name(), strategy);
    }

    private LoaderOption then(Attribute<?, ?> attribute, LoaderStrategy strategy) {
        if (this.columns != null) {
            throw new ArgumentError("A column option (defer, undefer, loadOnly) ends its path; pass relationship options separately");
        }
        List<LoadPlan.Step> next = new ArrayList<>(this.path);
        next.add(step(attribute, strategy));
        return new LoaderOption(next);
    }

    /**
     * Continues the path: load the next relationship with a second SELECT ... IN.
     *
     * @param attribute a relationship of the class the path has reached
     * @return the longer option
     */
    public LoaderOption selectinload(Attribute<?, ?> attribute) {
        return then(attribute, LoaderStrategy.SELECTIN);
    }

    /**
     * Continues the path with a joined load.
     *
     * @param attribute a relationship of the class the path has reached
     * @return the longer option
     */
    public LoaderOption joinedload(Attribute<?, ?> attribute) {
        return then(attribute, LoaderStrategy.JOINED);
    }

    /**
     * Continues the path, leaving the relationship unloaded.
     *
     * @param attribute a relationship of the class the path has reached
     * @return the longer option
     */
    public LoaderOption lazyload(Attribute<?, ?> attribute) {
        return then(attribute, LoaderStrategy.LAZY);
    }

    /**
     * Continues the path, never loading the relationship.
     *
     * @param attribute a relationship of the class the path has reached
     * @return the longer option
     */
    public LoaderOption noload(Attribute<?, ?> attribute) {
        return then(attribute, LoaderStrategy.NOLOAD);
    }

    List<LoadPlan.Step> path() {
        return this.path;
    }

    @Nullable ColumnRule columnRule() {
        return this.columns;
    }

    @Override
    public String toString() {
        return this.columns != null ? "LoaderOption" + this.columns : "LoaderOption" + this.path;
    }
}
