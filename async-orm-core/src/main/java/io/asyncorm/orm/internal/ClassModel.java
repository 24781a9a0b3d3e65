package io.asyncorm.orm.internal;

import io.asyncorm.exception.MappingError;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinColumns;
import jakarta.persistence.JoinTable;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            OneToOne.class, JoinColumn.class, JoinColumns.class, Basic.class, Lob.class, ManyToMany.class, JoinTable.class, Embedded.class,
            AttributeOverride.class, AttributeOverrides.class, SequenceGenerator.class, OrderBy.class, EmbeddedId.class);

    private static final Set<Class<? extends Annotation>> CLASS_ANNOTATIONS = Set.of(Entity.class, Table.class, Access.class,
            MappedSuperclass.class, Embeddable.class, SequenceGenerator.class, EntityListeners.class, IdClass.class, Inheritance.class,
            DiscriminatorColumn.class, DiscriminatorValue.class, PrimaryKeyJoinColumn.class);

    /**
     * A field mapped to a column: directly, or inside embedded objects ({@code holders}, outermost first); {@code id} when
     * the column is (part of) the primary key.
     */
    record ColumnField(Field field, List<Field> holders, String attribute, @Nullable String overrideName, boolean id) {
    }

    private static final Set<Class<? extends Annotation>> RELATIONSHIPS = Set.of(ManyToOne.class, OneToMany.class, OneToOne.class,
            ManyToMany.class);

    final Class<?> type;

    final String entityName;

    final String tableName;

    /** The fields of the key: one {@code @Id} field, several, or the fields inside the {@code @EmbeddedId}. */
    final List<Field> idFields = new ArrayList<>();

    /** The class of a composite key's value: the {@code @IdClass} or the {@code @EmbeddedId} field's type; else null. */
    final @Nullable Class<?> keyClass;

    final List<ColumnField> columnFields = new ArrayList<>();

    final List<Field> relationshipFields = new ArrayList<>();

    /** The topmost {@code @Entity} class of the class's hierarchy: the class itself when it extends no entity. */
    final Class<?> root;

    /** The discriminator column of a hierarchy the root declares ({@code @Inheritance}), else null. */
    final @Nullable String discriminatorColumn;

    /** Whether the class belongs to a JOINED hierarchy: each class's own columns in a table of its own. */
    final boolean joined;

    /** In a JOINED subclass, the name of its table's key column ({@code @PrimaryKeyJoinColumn}), else null for the root's. */
    final @Nullable String keyJoinColumn;

    /** This class's discriminator value ({@code @DiscriminatorValue}, by default the entity name). */
    final String discriminatorValue;

    private ClassModel(Class<?> type) {
        this.type = type;
        Entity entity = type.getAnnotation(Entity.class);
        if (entity == null) {
            throw new MappingError(type.getName() + " is not annotated @Entity");
        }
        Class<?> top = type;
        for (Class<?> c = type.getSuperclass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Entity.class)) {
                top = c;
            }
        }
        this.root = top;
        Inheritance inheritance = top.getAnnotation(Inheritance.class);
        if (inheritance != null && inheritance.strategy() == InheritanceType.TABLE_PER_CLASS) {
            throw new MappingError(top.getName() + ": @Inheritance(strategy = TABLE_PER_CLASS) is not supported; SINGLE_TABLE and "
                    + "JOINED are");
        }
        this.joined = inheritance != null && inheritance.strategy() == InheritanceType.JOINED;
        boolean hierarchy = top != type || inheritance != null;
        if (top != type && top.getAnnotation(Inheritance.class) == null) {
            throw new MappingError(type.getName() + " extends the entity " + top.getName() + ", which declares no @Inheritance; "
                    + "annotate it @Inheritance(strategy = SINGLE_TABLE or JOINED), or make it a @MappedSuperclass");
        }
        if ((Modifier.isAbstract(type.getModifiers()) && !hierarchy) || type.isInterface()) {
            throw new MappingError(type.getName() + " is abstract; map concrete classes (an abstract class can be the root of an "
                    + "@Inheritance hierarchy)");
        }
        DiscriminatorColumn discriminator = top.getAnnotation(DiscriminatorColumn.class);
        this.discriminatorColumn = !hierarchy ? null : discriminator != null && !discriminator.name().isEmpty()
                ? discriminator.name() : "dtype";
        if (top != type && (type.isAnnotationPresent(DiscriminatorColumn.class) || type.isAnnotationPresent(Inheritance.class)
                || (!this.joined && type.isAnnotationPresent(Table.class)))) {
            throw new MappingError(type.getName() + ": " + (this.joined ? "@Inheritance and @DiscriminatorColumn belong on "
                    : "a subclass of a single-table hierarchy shares its root's table; @Table, @Inheritance and @DiscriminatorColumn "
                    + "belong on ") + top.getSimpleName());
        }
        PrimaryKeyJoinColumn keyJoin = type.getAnnotation(PrimaryKeyJoinColumn.class);
        if (keyJoin != null && (top == type || !this.joined || !keyJoin.referencedColumnName().isEmpty()
                || !keyJoin.columnDefinition().isEmpty())) {
            throw new MappingError(type.getName() + ": @PrimaryKeyJoinColumn(name) names the key column of a JOINED subclass's table; "
                    + "it takes no referencedColumnName or columnDefinition and belongs on subclasses only");
        }
        this.keyJoinColumn = keyJoin == null || keyJoin.name().isEmpty() ? null : keyJoin.name();
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new MappingError(type.getName() + " is an inner class; make it static so it can be instantiated");
        }
        this.entityName = entity.name().isEmpty() ? type.getSimpleName() : entity.name();
        DiscriminatorValue value = type.getAnnotation(DiscriminatorValue.class);
        this.discriminatorValue = value != null ? value.value() : this.entityName;
        Class<?> tableClass = this.joined ? type : top;
        Table table = tableClass.getAnnotation(Table.class);
        if (table != null && (!table.schema().isEmpty() || !table.catalog().isEmpty() || table.uniqueConstraints().length > 0
                || table.indexes().length > 0 || table.check().length > 0)) {
            throw new MappingError(type.getName() + ": @Table supports only name; schema, catalog, uniqueConstraints, indexes "
                    + "and check are not supported (declare uniqueness with @Column(unique = true))");
        }
        Entity tableEntity = tableClass.getAnnotation(Entity.class);
        this.tableName = table != null && !table.name().isEmpty() ? table.name()
                : snakeCase(tableEntity.name().isEmpty() ? tableClass.getSimpleName() : tableEntity.name());
        Field embeddedId = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c != type && !c.isAnnotationPresent(MappedSuperclass.class) && !c.isAnnotationPresent(Entity.class)) {
                continue;
            }
            boolean belowRoot = c != top && top.isAssignableFrom(c);
            checkClassAnnotations(c);
            for (Field field : c.getDeclaredFields()) {
                if (field.isSynthetic() || Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                        || field.isAnnotationPresent(Transient.class)) {
                    continue;
                }
                checkFieldAnnotations(field);
                if (belowRoot && (field.isAnnotationPresent(Id.class) || field.isAnnotationPresent(EmbeddedId.class)
                        || field.isAnnotationPresent(Version.class))) {
                    throw new MappingError(where(field) + ": in a hierarchy the key and the version belong to the root "
                            + top.getSimpleName());
                }
                if (RELATIONSHIPS.stream().anyMatch(field::isAnnotationPresent)) {
                    this.relationshipFields.add(field);
                    continue;
                }
                if (field.isAnnotationPresent(JoinColumn.class) || field.isAnnotationPresent(JoinColumns.class)) {
                    throw new MappingError(where(field) + ": @JoinColumn belongs on a relationship field");
                }
                if (field.isAnnotationPresent(EmbeddedId.class)) {
                    if (embeddedId != null || field.isAnnotationPresent(Id.class)) {
                        throw new MappingError(where(field) + ": an entity has one @EmbeddedId and then no @Id field");
                    }
                    embeddedId = field;
                    embed(field, List.of(), field.getName(), overrides(field), true);
                    continue;
                }
                if (field.isAnnotationPresent(Embedded.class) || field.getType().isAnnotationPresent(Embeddable.class)) {
                    if (field.isAnnotationPresent(Id.class)) {
                        throw new MappingError(where(field) + ": an embeddable key is declared with @EmbeddedId, not @Id");
                    }
                    embed(field, List.of(), field.getName(), overrides(field), false);
                    continue;
                }
                if (field.isAnnotationPresent(AttributeOverride.class) || field.isAnnotationPresent(AttributeOverrides.class)) {
                    throw new MappingError(where(field) + ": @AttributeOverride belongs on an @Embedded field");
                }
                boolean id = field.isAnnotationPresent(Id.class);
                if (id) {
                    this.idFields.add(field);
                }
                this.columnFields.add(new ColumnField(field, List.of(), field.getName(), null, id));
            }
        }
        if (embeddedId != null && !this.idFields.isEmpty()) {
            throw new MappingError(where(embeddedId) + ": an entity has one @EmbeddedId and then no @Id field");
        }
        if (embeddedId != null) {
            this.columnFields.stream().filter(ColumnField::id).forEach(f -> this.idFields.add(f.field()));
        }
        if (this.idFields.isEmpty()) {
            throw new MappingError(type.getName() + " has no @Id field; every entity needs a primary key");
        }
        IdClass idClass = findIdClass(type);
        if (hierarchy && (idClass != null || this.idFields.size() > 1 || embeddedId != null)) {
            throw new MappingError(type.getName() + ": an inheritance hierarchy with a composite key is not supported yet");
        }
        if (idClass != null && embeddedId != null) {
            throw new MappingError(type.getName() + ": @IdClass and @EmbeddedId are two ways to declare one key; use one");
        }
        this.keyClass = embeddedId != null ? embeddedId.getType() : idClass != null ? idClass.value() : null;
        if (idClass != null) {
            checkIdClass(idClass.value());
        }
        if (this.idFields.size() > 1) {
            checkGeneratedParts();
        }
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException ex) {
            throw new MappingError(type.getName() + " has no no-argument constructor; add one (it may be protected)");
        }
    }

    /**
     * In a composite key at most one part is generated, and only on the client side of the INSERT (SEQUENCE or UUID):
     * an IDENTITY column must come first in an index on MariaDB, and a part read back after the INSERT would leave the
     * object without a whole key until then.
     */
    private void checkGeneratedParts() {
        Field generated = null;
        for (Field field : this.idFields) {
            if (!field.isAnnotationPresent(GeneratedValue.class)) {
                continue;
            }
            ColumnProperty.Generation generation = JpaAnnotations.generation(field);
            if (generation != ColumnProperty.Generation.SEQUENCE && generation != ColumnProperty.Generation.UUID) {
                throw new MappingError(where(field) + ": a generated part of a composite key is drawn from a SEQUENCE or is a UUID; "
                        + "IDENTITY (and AUTO on an integer) is not supported there");
            }
            if (generated != null) {
                throw new MappingError(where(field) + ": a composite key has at most one generated part (" + generated.getName()
                        + " is one)");
            }
            generated = field;
        }
    }

    private static @Nullable IdClass findIdClass(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            IdClass idClass = c.getAnnotation(IdClass.class);
            if (idClass != null) {
                return idClass;
            }
        }
        return null;
    }

    /** An {@code @IdClass} has a field of the same name and type for each {@code @Id} field, and no other. */
    private void checkIdClass(Class<?> idClass) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> c = idClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!field.isSynthetic() && !Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                    fields.putIfAbsent(field.getName(), field);
                }
            }
        }
        for (Field id : this.idFields) {
            Field match = fields.remove(id.getName());
            if (match == null || EntityMapping.boxed(match.getType()) != EntityMapping.boxed(id.getType())) {
                throw new MappingError(this.type.getName() + ": @IdClass " + idClass.getSimpleName() + " needs a field " + id.getName()
                        + " of type " + id.getType().getSimpleName() + ", like the @Id field " + where(id));
            }
        }
        if (!fields.isEmpty()) {
            throw new MappingError(this.type.getName() + ": @IdClass " + idClass.getSimpleName() + " has fields " + fields.keySet()
                    + " that are not @Id fields of the entity");
        }
    }

    /** The column fields of an embedded object, with the column names {@code @AttributeOverride} gives by path. */
    private void embed(Field holder, List<Field> outer, String path, java.util.Map<String, String> overrides, boolean id) {
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
                if (id) {
                    throw new MappingError(where(field) + ": an @EmbeddedId holds plain columns; embeddables inside it are not supported");
                }
                embed(field, holders, path + "." + field.getName(), overrides, false);
                continue;
            }
            this.columnFields.add(new ColumnField(field, List.copyOf(holders), path + "." + field.getName(), overrides.get(relative), id));
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
        if (basic != null && basic.fetch() == FetchType.LAZY && (field.isAnnotationPresent(Id.class)
                || field.isAnnotationPresent(Version.class) || field.isAnnotationPresent(EmbeddedId.class))) {
            throw new MappingError(where(field) + ": a key or version column is always loaded; @Basic(fetch = LAZY) defers other columns");
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
