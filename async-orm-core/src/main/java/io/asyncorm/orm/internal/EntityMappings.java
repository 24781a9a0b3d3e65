package io.asyncorm.orm.internal;

import io.asyncorm.exception.UnmappedClassError;
import io.asyncorm.sql.MetaData;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The mapping of each entity class, shared by every registry that maps it. A class maps to one table
 * whatever registry holds it, so the typed metamodel ({@code A_.data}) can find its column without a
 * registry at hand. A second registry that would map a class differently (another set of classes adds
 * a join column to its table) is refused. Held per class in a {@link ClassValue}, so unloading an
 * application's classes frees their mappings.
 */
public final class EntityMappings {

    private static final ClassValue<AtomicReference<@Nullable EntityMapping<?>>> MAPPINGS = new ClassValue<>() {
        @Override
        protected AtomicReference<@Nullable EntityMapping<?>> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };

    private EntityMappings() {
    }

    /**
     * Maps classes together and publishes their mappings; a class already mapped keeps its mapping,
     * provided the new one is the same.
     *
     * @param classes the entity classes of one registry
     * @param metadata the registry's metadata, which receives every table
     * @return the mappings in the order of the classes
     */
    public static synchronized List<EntityMapping<?>> map(Collection<Class<?>> classes, MetaData metadata) {
        List<EntityMapping<?>> mappings = MappingBuilder.build(classes, metadata, type -> MAPPINGS.get(type).get());
        for (EntityMapping<?> mapping : mappings) {
            MAPPINGS.get(mapping.entityType()).compareAndSet(null, mapping);
            metadata.add(mapping.table());
        }
        for (EntityMapping<?> mapping : mappings) {
            ColumnProperty generated = mapping.key().generated();
            if (generated != null && generated.sequence() != null) {
                metadata.add(generated.sequence());
            }
            for (RelationshipProperty relationship : mapping.relationshipList()) {
                if (relationship.secondary() != null && relationship.isOwning()) {
                    metadata.add(relationship.secondary().table());
                }
                CollectionOrder.check(relationship);
            }
        }
        return mappings;
    }

    /**
     * The mapping of a class.
     *
     * @param type the entity class
     * @param <T> the entity type
     * @return the mapping
     * @throws UnmappedClassError when no registry has mapped the class
     */
    @SuppressWarnings("unchecked")
    public static <T> EntityMapping<T> of(Class<T> type) {
        EntityMapping<?> mapping = MAPPINGS.get(type).get();
        if (mapping == null) {
            throw new UnmappedClassError(type.getName() + " is not mapped: build a Registry containing it first "
                    + "(Registry.of(" + type.getSimpleName() + ".class, ...))");
        }
        return (EntityMapping<T>) mapping;
    }
}
