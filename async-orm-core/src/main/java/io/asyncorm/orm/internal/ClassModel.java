package io.asyncorm.orm.internal;

import io.asyncorm.exception.MappingError;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the annotations of one entity class say, checked: its table name, its id field, its column
 * fields and its relationship fields. Every Jakarta Persistence annotation async-orm does not
 * implement is refused here, naming the class and field, so none is silently ignored.
 */
final class ClassModel {

    private static final Set<Class<? extends Annotation>> FIELD_ANNOTATIONS = Set.of(Id.class, GeneratedValue.class,
            Column.class, Version.class, Transient.class, Enumerated.class, Convert.class, ManyToOne.class, OneToMany.class,
            OneToOne.class, JoinColumn.class, Basic.class, Lob.class, ManyToMany.class, JoinTable.class, Embedded.class,
            AttributeOverride.class, AttributeOverrides.class, SequenceGenerator.class, OrderBy.class);

    private static final Set<Class<? extends Annotation>> CLASS_ANNOTATIONS = Set.of(Entity.class, Table.class, Access.class,
            MappedSuperclass.class, Embeddable.class, SequenceGenerator.class, EntityListeners.class);

    /** A field mapped to a column: directly, or inside embedded objects ({@code holders}, outermost first). */
    record ColumnField(Field field, List<Field> holders, String attribute, @Nullable String overrideName) {
    }

    private static final Set<Class<? extends Annotation>> RELATIONSHIPS = Set.of(ManyToOne.class, OneToMany.class, OneToOne.class,
            ManyToMany.class);

    final Class<?> type;

    final String entityName;

    final String tableName;

    final Field idField;

    final List<ColumnField> columnFields = new ArrayList<>();

    final List<Field> relationshipFields = new ArrayList<>();

    private ClassModel(Class<?> type) {
        this.type = type;
        Entity entity = type.getAnnotation(Entity.class);
        if (entity == null) {
            throw new MappingError(type.getName() + " is not annotated @Entity");
        }
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new MappingError(type.getName() + " is abstract; map concrete classes (inheritance mapping is not supported)");
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new MappingError(type.getName() + " is an inner class; make it static so it can be instantiated");
        }
        this.entityName = entity.name().isEmpty() ? type.getSimpleName() : entity.name();
        Table table = type.getAnnotation(Table.class);
        if (table != null && (!table.schema().isEmpty() || !table.catalog().isEmpty() || table.uniqueConstraints().length > 0
                || table.indexes().length > 0 || table.check().length > 0)) {
            throw new MappingError(type.getName() + ": @Table supports only name; schema, catalog, uniqueConstraints, indexes "
                    + "and check are not supported (declare uniqueness with @Column(unique = true))");
        }
        this.tableName = table != null && !table.name().isEmpty() ? table.name() : snakeCase(this.entityName);
        Field id = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c != type && !c.isAnnotationPresent(MappedSuperclass.class)) {
                continue;
            }
            checkClassAnnotations(c);
            for (Field field : c.getDeclaredFields()) {
                if (field.isSynthetic() || Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                        || field.isAnnotationPresent(Transient.class)) {
                    continue;
                }
                checkFieldAnnotations(field);
                if (RELATIONSHIPS.stream().anyMatch(field::isAnnotationPresent)) {
                    this.relationshipFields.add(field);
                    continue;
                }
                if (field.isAnnotationPresent(JoinColumn.class)) {
                    throw new MappingError(where(field) + ": @JoinColumn belongs on a relationship field");
                }
                if (field.isAnnotationPresent(Embedded.class) || field.getType().isAnnotationPresent(Embeddable.class)) {
                    if (field.isAnnotationPresent(Id.class)) {
                        throw new MappingError(where(field) + ": an embedded @Id (a composite key) is not supported");
                    }
                    embed(field, List.of(), field.getName(), overrides(field));
                    continue;
                }
                if (field.isAnnotationPresent(AttributeOverride.class) || field.isAnnotationPresent(AttributeOverrides.class)) {
                    throw new MappingError(where(field) + ": @AttributeOverride belongs on an @Embedded field");
                }
                if (field.isAnnotationPresent(Id.class)) {
                    if (id != null) {
                        throw new MappingError(where(field) + ": a second @Id; composite primary keys are not supported");
                    }
                    id = field;
                }
                this.columnFields.add(new ColumnField(field, List.of(), field.getName(), null));
            }
        }
        if (id == null) {
            throw new MappingError(type.getName() + " has no @Id field; every entity needs a primary key");
        }
        this.idField = id;
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException ex) {
            throw new MappingError(type.getName() + " has no no-argument constructor; add one (it may be protected)");
        }
    }

    /** The column fields of an embedded object, with the column names {@code @AttributeOverride} gives by path. */
    private void embed(Field holder, List<Field> outer, String path, java.util.Map<String, String> overrides) {
        Class<?> type = holder.getType();
        if (!type.isAnnotationPresent(Embeddable.class)) {
            throw new MappingError(where(holder) + ": " + type.getName() + " is not annotated @Embeddable");
        }
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException ex) {
            throw new MappingError(where(holder) + ": embeddable " + type.getName() + " has no no-argument constructor");
        }
        checkClassAnnotations(type);
        List<Field> holders = new ArrayList<>(outer);
        holders.add(holder);
        for (Field field : type.getDeclaredFields()) {
            if (field.isSynthetic() || Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                    || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            checkFieldAnnotations(field);
            String inner = path.substring(path.indexOf('.') + 1) + "." + field.getName();
            String relative = path.contains(".") ? inner : field.getName();
            if (RELATIONSHIPS.stream().anyMatch(field::isAnnotationPresent) || field.isAnnotationPresent(Id.class)
                    || field.isAnnotationPresent(Version.class) || field.isAnnotationPresent(GeneratedValue.class)) {
                throw new MappingError(where(field) + ": relationships, @Id, @Version and @GeneratedValue are not supported "
                        + "inside an embeddable");
            }
            if (field.isAnnotationPresent(Embedded.class) || field.getType().isAnnotationPresent(Embeddable.class)) {
                embed(field, holders, path + "." + field.getName(), overrides);
                continue;
            }
            this.columnFields.add(new ColumnField(field, List.copyOf(holders), path + "." + field.getName(), overrides.get(relative)));
        }
    }

    private static java.util.Map<String, String> overrides(Field field) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        List<AttributeOverride> all = new ArrayList<>(List.of(field.getAnnotationsByType(AttributeOverride.class)));
        for (AttributeOverride override : all) {
            names.put(override.name(), override.column().name());
        }
        return names;
    }

    static ClassModel read(Class<?> type) {
        return new ClassModel(type);
    }

    private static void checkClassAnnotations(Class<?> c) {
        for (Annotation annotation : c.getAnnotations()) {
            if (isJpa(annotation) && !CLASS_ANNOTATIONS.contains(annotation.annotationType())) {
                throw new MappingError(c.getName() + ": @" + annotation.annotationType().getSimpleName()
                        + " is not supported by async-orm");
            }
        }
        Access access = c.getAnnotation(Access.class);
        if (access != null && access.value() != AccessType.FIELD) {
            throw new MappingError(c.getName() + ": only @Access(FIELD) is supported; async-orm reads and writes fields");
        }
        for (Method method : c.getDeclaredMethods()) {
            for (Annotation annotation : method.getAnnotations()) {
                if (isJpa(annotation) && !LifecycleCallbacks.Phase.isCallback(annotation)) {
                    throw new MappingError(c.getName() + "." + method.getName() + "(): @" + annotation.annotationType().getSimpleName()
                            + " on a method is not supported; async-orm maps fields (lifecycle callbacks such as @PrePersist are)");
                }
            }
        }
    }

    private static void checkFieldAnnotations(Field field) {
        for (Annotation annotation : field.getAnnotations()) {
            if (isJpa(annotation) && !FIELD_ANNOTATIONS.contains(annotation.annotationType())) {
                throw new MappingError(where(field) + ": @" + annotation.annotationType().getSimpleName()
                        + " is not supported by async-orm");
            }
        }
        Basic basic = field.getAnnotation(Basic.class);
        if (basic != null && basic.fetch() == FetchType.LAZY) {
            throw new MappingError(where(field) + ": @Basic(fetch = LAZY) (deferred columns) is not supported yet");
        }
        Column column = field.getAnnotation(Column.class);
        if (column != null && (!column.columnDefinition().isEmpty() || !column.table().isEmpty() || !column.options().isEmpty()
                || !column.comment().isEmpty() || column.check().length > 0)) {
            throw new MappingError(where(field) + ": @Column supports name, nullable, length, precision, scale, unique, "
                    + "insertable and updatable; columnDefinition, table, options, comment and check are not supported");
        }
    }

    private static boolean isJpa(Annotation annotation) {
        return annotation.annotationType().getPackageName().equals("jakarta.persistence");
    }

    static String where(Field field) {
        return field.getDeclaringClass().getName() + "." + field.getName();
    }

    /**
     * The default SQL name of a Java name: {@code createDate} becomes {@code create_date}, {@code HTTPServer}
     * becomes {@code http_server}, as Spring Boot's default naming strategy does.
     *
     * @param name a Java name
     * @return the snake-case name
     */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char previous = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(previous) || Character.isDigit(previous) || (Character.isUpperCase(previous) && nextLower)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
