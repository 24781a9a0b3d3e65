package io.asyncorm.orm.internal;

import io.asyncorm.orm.internal.RelationshipProperty.ColumnPair;
import io.asyncorm.orm.internal.RelationshipProperty.Direction;
import io.asyncorm.orm.mapping.LoaderStrategy;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Select;
import io.asyncorm.sql.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The joined eager loads of an entity query: each relationship whose strategy is JOINED becomes a
 * LEFT OUTER JOIN of an aliased table (of each table of a JOINED hierarchy) whose columns are added to the
 * select list, nested joins included. Knows where each joined entity's columns start in a row. A query with LIMIT or OFFSET
 * joins references only: a joined collection would make the limit count elements, so it loads like
 * SELECTIN (one more statement) instead. Immutable.
 */
public final class JoinedLoads {

    /** One joined relationship: its parent node (-1 for the query's entity) and its first column. */
    record Node(RelationshipProperty relationship, int parent, EntityMapping<?> mapping, int offset) {
    }

    private final List<Node> nodes = new ArrayList<>();

    private Select select;

    private boolean collections;

    private final boolean limited;

    private JoinedLoads(Select select, boolean limited) {
        this.select = select;
        this.limited = limited;
    }

    /**
     * Plans the joins of a query.
     *
     * @param root the mapping the query returns
     * @param base the query without joined loads
     * @param plan the loader options
     * @return the plan; {@link #isEmpty()} when nothing is joined
     */
    public static JoinedLoads of(EntityMapping<?> root, Select base, LoadPlan plan) {
        JoinedLoads loads = new JoinedLoads(base, base.isLimited());
        Set<Class<?>> path = new HashSet<>();
        path.add(root.entityType());
        Map<Table, Table> tables = new HashMap<>();
        root.layout().forEach(part -> tables.put(part.table(), part.table()));
        loads.walk(root, tables, -1, plan, root.columns().size(), path);
        return loads;
    }

    /**
     * Walks the joined relationships of a mapping whose tables are in the query under the aliases {@code parentTables}
     * (a table to its alias, one per table of the mapping's layout).
     */
    private int walk(EntityMapping<?> mapping, Map<Table, Table> parentTables, int parent, LoadPlan plan, int offset,
            Set<Class<?>> path) {
        int next = offset;
        for (RelationshipProperty relationship : mapping.relationshipList()) {
            if (plan.strategy(relationship) != LoaderStrategy.JOINED || path.contains(relationship.target())) {
                continue;
            }
            if (relationship.isCollection() && this.limited) {
                // LIMIT would count collection elements, not owners: the collection loads like SELECTIN instead.
                continue;
            }
            if (relationship.direction() == Direction.MANY_TO_MANY) {
                continue;
            }
            EntityMapping<?> target = EntityMappings.of(relationship.target());
            Map<Table, Table> aliases = new HashMap<>();
            for (MappedTable part : target.layout()) {
                aliases.put(part.table(), part.table().alias(part.table().name() + "_" + (this.nodes.size() + 1)));
            }
            List<Column<?>> targetSide = new ArrayList<>();
            List<Column<?>> parentSide = new ArrayList<>();
            boolean manyToOne = relationship.direction() == Direction.MANY_TO_ONE;
            for (ColumnPair pair : relationship.columns()) {
                targetSide.add(aliased(aliases, manyToOne ? pair.referenced() : pair.foreignKey()));
                parentSide.add(aliased(parentTables, manyToOne ? pair.foreignKey() : pair.referenced()));
            }
            // The target's table holding the join's columns joins the parent; the other tables of a JOINED target join
            // that one on the key, so each ON names tables already joined.
            ColumnPair pair = relationship.columns().get(0);
            MappedTable anchor = target.tableOf(manyToOne ? pair.referenced() : pair.foreignKey());
            for (MappedTable part : target.layout()) {
                this.select = this.select.addColumns(aliases.get(part.table()));
            }
            this.select = this.select.outerJoin(aliases.get(anchor.table()), KeyValues.join(targetSide, parentSide));
            for (MappedTable part : target.layout()) {
                if (part != anchor) {
                    this.select = this.select.outerJoin(aliases.get(part.table()), KeyValues.join(aliased(aliases, part.keyColumns()),
                            aliased(aliases, anchor.keyColumns())));
                }
            }
            this.collections |= relationship.isCollection();
            int index = this.nodes.size();
            this.nodes.add(new Node(relationship, parent, target, next));
            next += target.columns().size();
            Set<Class<?>> longer = new HashSet<>(path);
            longer.add(relationship.target());
            next = walk(target, aliases, index, plan.child(relationship), next, longer);
        }
        return next;
    }

    private static Column<?> aliased(Map<Table, Table> aliases, Column<?> column) {
        return aliases.get(column.table()).c(column.name());
    }

    private static List<Column<?>> aliased(Map<Table, Table> aliases, List<Column<?>> columns) {
        return columns.stream().<Column<?>>map(column -> aliased(aliases, column)).toList();
    }

    /** @return whether nothing is joined */
    public boolean isEmpty() {
        return this.nodes.isEmpty();
    }

    /** @return whether a collection is joined, so rows repeat their entity and results need unique() */
    public boolean hasCollections() {
        return this.collections;
    }

    /** @return the query with its joins and the joined columns */
    public Select select() {
        return this.select;
    }

    List<Node> nodes() {
        return this.nodes;
    }
}
