package io.asyncorm.orm.internal;

import io.asyncorm.exception.MappingError;
import jakarta.persistence.OrderBy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The order of a collection with JPA's {@code @OrderBy}: its elements are sorted when the collection is loaded, by
 * whatever strategy (selectin, joined, a lazy {@code fetch}), by the named attributes of the element class in the
 * Java natural order of their values (so {@code String}s by {@code compareTo}, not by the database's collation);
 * NULL last ascending and first descending, as PostgreSQL orders them. An empty {@code @OrderBy} orders by the
 * primary key. A collection the application fills keeps the application's order until it is loaded again.
 */
final class CollectionOrder {

    private static final Map<RelationshipProperty, Comparator<Object>> ORDERS = new ConcurrentHashMap<>();

    private static final Comparator<Object> NONE = (a, b) -> 0;

    private CollectionOrder() {
    }

    /**
     * Checks a relationship's {@code @OrderBy} when the registry is built.
     *
     * @param relationship the relationship
     * @throws MappingError on a reference, or an attribute the element class does not map
     */
    static void check(RelationshipProperty relationship) {
        comparator(relationship);
    }

    /** The elements in the collection's order (the same list when it has none). */
    static List<Object> sort(RelationshipProperty relationship, List<Object> elements) {
        Comparator<Object> order = comparator(relationship);
        if (order == NONE || elements.size() < 2) {
            return elements;
        }
        List<Object> sorted = new ArrayList<>(elements);
        sorted.sort(order);
        return sorted;
    }

    private static Comparator<Object> comparator(RelationshipProperty relationship) {
        Comparator<Object> known = ORDERS.get(relationship);
        if (known != null) {
            return known;
        }
        Comparator<Object> built = build(relationship);
        ORDERS.put(relationship, built);
        return built;
    }

    private static Comparator<Object> build(RelationshipProperty relationship) {
        OrderBy annotation = relationship.field().field().getAnnotation(OrderBy.class);
        if (annotation == null) {
            return NONE;
        }
        String where = relationship.owner().getName() + "." + relationship.name();
        if (!relationship.isCollection()) {
            throw new MappingError(where + ": @OrderBy belongs on a collection");
        }
        EntityMapping<?> target = EntityMappings.of(relationship.target());
        String spec = annotation.value().isBlank()
                ? String.join(", ", target.key().columns().stream().map(ColumnProperty::attribute).toList()) : annotation.value();
        Comparator<Object> order = null;
        for (String part : spec.split(",")) {
            String[] words = part.trim().split("\\s+");
            boolean descending = words.length > 1 && words[1].toUpperCase(Locale.ROOT).equals("DESC");
            if (words.length > 2 || (words.length == 2 && !descending && !words[1].equalsIgnoreCase("ASC"))) {
                throw new MappingError(where + ": @OrderBy(\"" + annotation.value() + "\"): each key is an attribute name "
                        + "with ASC or DESC");
            }
            ColumnProperty property = target.property(words[0]);
            if (property == null || property.field() == null) {
                throw new MappingError(where + ": @OrderBy names '" + words[0] + "', which " + relationship.target().getSimpleName()
                        + " does not map; its attributes are " + target.columnAttributes());
            }
            Comparator<Object> key = byValue(property.field(), descending);
            order = order == null ? key : order.thenComparing(key);
        }
        return order == null ? NONE : order;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> byValue(FieldAccess field, boolean descending) {
        Comparator<@Nullable Comparable> values = descending
                ? Comparator.nullsFirst(Comparator.<Comparable>reverseOrder()) : Comparator.nullsLast(Comparator.<Comparable>naturalOrder());
        return (a, b) -> values.compare((Comparable) field.get(a), (Comparable) field.get(b));
    }
}
