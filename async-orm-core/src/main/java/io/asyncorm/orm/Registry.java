package io.asyncorm.orm;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.UnmappedClassError;
import io.asyncorm.orm.internal.EntityMapping;
import io.asyncorm.orm.internal.LifecycleCallbacks;
import io.asyncorm.orm.internal.EntityMappings;
import io.asyncorm.orm.mapping.Mapper;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.MetaData;
import io.asyncorm.sql.Sql;
import io.asyncorm.sql.Table;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The entity classes an application maps, with their {@link Mapper}s and the {@link MetaData} of their
 * tables. Built once at startup from Jakarta Persistence annotations; every mapping error (no
 * {@code @Id}, an unknown {@code mappedBy}, a relationship to a class outside the registry, an
 * unsupported annotation) fails here, naming the class and field. Immutable and safe for concurrent use.
 *
 * <pre>{@code
 * Registry registry = Registry.of(Author.class, Book.class);
 * engine.begin(conn -> registry.metadata().createAll(conn));
 * }</pre>
 *
 * <p>Naming: a table is named after the entity in snake case ({@code OrderLine} becomes
 * {@code order_line}) and a column after its field ({@code createDate} becomes {@code create_date}),
 * unless {@code @Table(name)} or {@code @Column(name)} say otherwise.
 */
public final class Registry {

    private final Map<Class<?>, EntityMapping<?>> mappers = new LinkedHashMap<>();

    private final MetaData metadata = new MetaData();

    /** Per class, the get-by-key query with its key as a bind parameter: built and compiled once, reused by every get. */
    private final Map<Class<?>, EntitySelect<?>> byKey = new ConcurrentHashMap<>();

    private final boolean loadCallbacks;

    private Registry(Set<Class<?>> classes) {
        boolean load = false;
        for (EntityMapping<?> mapping : EntityMappings.map(classes, this.metadata)) {
            this.mappers.put(mapping.entityType(), mapping);
            load |= mapping.callbacks().has(LifecycleCallbacks.Phase.LOAD);
        }
        this.loadCallbacks = load;
    }

    /** Whether some class has a {@code @PostLoad} callback (the session then records the objects it loads). */
    boolean hasLoadCallbacks() {
        return this.loadCallbacks;
    }

    /**
     * Maps entity classes. Every class a relationship refers to must be among them.
     *
     * @param classes the {@code @Entity} classes
     * @return the registry
     * @throws io.asyncorm.exception.MappingError when a class cannot be mapped
     */
    public static Registry of(Class<?>... classes) {
        return of(Arrays.asList(classes));
    }

    /**
     * Maps entity classes, as {@link #of(Class...)}.
     *
     * @param classes the {@code @Entity} classes
     * @return the registry
     */
    public static Registry of(List<Class<?>> classes) {
        if (classes.isEmpty()) {
            throw new ArgumentError("Registry.of() needs at least one @Entity class");
        }
        return new Registry(new LinkedHashSet<>(classes));
    }

    /**
     * The mapper of a class.
     *
     * @param type the entity class
     * @param <T> the entity type
     * @return the mapper
     * @throws UnmappedClassError when the class is not in this registry
     */
    public <T> Mapper<T> mapper(Class<T> type) {
        return mapping(type);
    }

    @SuppressWarnings("unchecked")
    <T> EntityMapping<T> mapping(Class<T> type) {
        EntityMapping<?> mapping = this.mappers.get(type);
        if (mapping == null) {
            throw new UnmappedClassError(type.getName() + " is not in this Registry; add it to Registry.of(...)");
        }
        return (EntityMapping<T>) mapping;
    }

    /** The key parameter of {@link #byKey}'s queries. */
    static final String KEY_PARAMETER = "pk__get";

    /**
     * The query {@code get} runs on an identity-map miss: {@code SELECT ... WHERE id = :pk__get}, one instance per class,
     * so its SQL is rendered once per dialect (the statement memoizes its compiled form) instead of once per call.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    <T> EntitySelect<T> byKey(Class<T> type) {
        return (EntitySelect<T>) this.byKey.computeIfAbsent(type, key -> {
            return Orm.select(key).where(mapping(key).key().equalsParameters(KEY_PARAMETER));
        });
    }

    /** The class mapped to a table here, or null. */
    @Nullable Class<?> entityOf(Table table) {
        for (EntityMapping<?> mapping : this.mappers.values()) {
            if (mapping.layout().stream().anyMatch(part -> part.table() == table)) {
                return mapping.hierarchy() != null ? mapping.hierarchy().root() : mapping.entityType();
            }
        }
        return null;
    }

    /**
     * Whether a class is mapped here.
     *
     * @param type a class
     * @return whether it is
     */
    public boolean contains(Class<?> type) {
        return this.mappers.containsKey(type);
    }

    /**
     * The mapped classes, in the order given.
     *
     * @return an immutable list
     */
    public List<Class<?>> entityTypes() {
        return List.copyOf(this.mappers.keySet());
    }

    /**
     * The tables of the mapped classes, for DDL ({@code createAll}, {@code dropAll}) and Core statements.
     *
     * @return the metadata; add no tables to it
     */
    public MetaData metadata() {
        return this.metadata;
    }

    @Override
    public String toString() {
        return "Registry" + this.mappers.values();
    }
}
