package io.asyncorm.orm;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.orm.internal.LoadPlan;
import io.asyncorm.orm.mapping.LoaderStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * A loader option for a query: a path of relationships and how each is loaded. Built with
 * {@link Orm#selectinload(Attribute)} and friends and chained for nested paths:
 * {@code selectinload(A_.bs).selectinload(B_.cs)}. Immutable.
 */
public final class LoaderOption {

    private final List<LoadPlan.Step> path;

    private LoaderOption(List<LoadPlan.Step> path) {
        this.path = List.copyOf(path);
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

    @Override
    public String toString() {
        return "LoaderOption" + this.path;
    }
}
