package io.asyncorm.orm.internal;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.orm.mapping.LoaderStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which relationships a query loads, and how: a tree of loader options over the mapping defaults.
 * {@code selectinload(A_.bs).selectinload(B_.cs)} becomes {@code bs: SELECTIN -> {cs: SELECTIN}}.
 * Immutable.
 */
public final class LoadPlan {

    /** One step of a loader option's path. */
    public record Step(Class<?> owner, String attribute, LoaderStrategy strategy) {
    }

    private record Node(LoaderStrategy strategy, LoadPlan children) {
    }

    private static final LoadPlan DEFAULTS = new LoadPlan(Map.of());

    private final Map<String, Node> nodes;

    private LoadPlan(Map<String, Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * The plan of a query without options: every relationship loads as its mapping says.
     *
     * @return the plan
     */
    public static LoadPlan defaults() {
        return DEFAULTS;
    }

    /**
     * Adds a loader option.
     *
     * @param root the mapping the query returns
     * @param path the option's steps, the first on {@code root}
     * @return the new plan
     */
    public LoadPlan with(EntityMapping<?> root, List<Step> path) {
        return with(startOf(root, path, 0), path, 0);
    }

    /**
     * The mapping a step of an option applies to: {@code mapping}'s, or a subclass's in {@code mapping}'s hierarchy (an
     * option on a subclass's relationship loads it for the objects of that class, as SQLAlchemy's {@code of_type}).
     */
    private static EntityMapping<?> startOf(EntityMapping<?> mapping, List<Step> path, int index) {
        Class<?> owner = path.get(index).owner();
        if (owner.isAssignableFrom(mapping.entityType())) {
            return mapping;
        }
        if (mapping.entityType().isAssignableFrom(owner) && mapping.hierarchy() != null) {
            EntityMapping<?> subclass = EntityMappings.of(owner);
            if (path.get(index).strategy() == LoaderStrategy.JOINED) {
                throw new ArgumentError("Loader option " + describe(path) + ": a relationship of the subclass "
                        + owner.getSimpleName() + " loads by selectinload in a query of " + mapping.entityType().getSimpleName()
                        + " (its rows of other classes have nothing to join)");
            }
            return subclass;
        }
        throw new ArgumentError("Loader option " + describe(path) + (index == 0 ? " starts at " : " continues on ")
                + owner.getSimpleName() + ", but " + (index == 0 ? "the query returns " : "the path reaches ")
                + mapping.entityType().getSimpleName());
    }


    private LoadPlan with(EntityMapping<?> mapping, List<Step> path, int index) {
        Step step = path.get(index);
        RelationshipProperty relationship = mapping.relationship(step.attribute());
        if (relationship == null) {
            throw new ArgumentError("Loader option " + describe(path) + ": " + mapping.entityType().getSimpleName() + " has no relationship '"
                    + step.attribute() + "'; it has " + mapping.relationships());
        }
        if (!relationship.isCollection() && relationship.direction() != RelationshipProperty.Direction.MANY_TO_ONE
                && (step.strategy() == LoaderStrategy.LAZY || step.strategy() == LoaderStrategy.RAISE)) {
            throw new ArgumentError("Loader option " + describe(path) + ": the mappedBy side of a one-to-one cannot be lazy");
        }
        if (!relationship.isCollection() && (step.strategy() == LoaderStrategy.LAZY || step.strategy() == LoaderStrategy.RAISE)) {
            ReferenceProxies.check(relationship.target(), "Loader option " + describe(path));
        }
        Map<String, Node> copy = new LinkedHashMap<>(this.nodes);
        Node existing = copy.get(step.attribute());
        LoadPlan children = existing == null ? DEFAULTS : existing.children();
        if (index + 1 < path.size()) {
            children = children.with(startOf(EntityMappings.of(relationship.target()), path, index + 1), path, index + 1);
        }
        LoaderStrategy strategy = existing != null && index + 1 < path.size() ? existing.strategy() : step.strategy();
        copy.put(step.attribute(), new Node(strategy, children));
        return new LoadPlan(Map.copyOf(copy));
    }

    /**
     * How a relationship loads under this plan.
     *
     * @param relationship the relationship
     * @return the option's strategy, else the mapping's
     */
    public LoaderStrategy strategy(RelationshipProperty relationship) {
        Node node = this.nodes.get(relationship.name());
        return node != null ? node.strategy() : relationship.strategy();
    }

    /**
     * The plan for the objects a relationship loads.
     *
     * @param relationship the relationship
     * @return the nested plan
     */
    public LoadPlan child(RelationshipProperty relationship) {
        Node node = this.nodes.get(relationship.name());
        return node != null ? node.children() : DEFAULTS;
    }

    private static String describe(List<Step> path) {
        StringBuilder out = new StringBuilder();
        for (Step step : path) {
            out.append(out.length() == 0 ? "" : ".").append(step.strategy().name().toLowerCase(java.util.Locale.ROOT)).append("load(")
                    .append(step.owner().getSimpleName()).append('_').append('.').append(step.attribute()).append(')');
        }
        return out.toString();
    }
}
