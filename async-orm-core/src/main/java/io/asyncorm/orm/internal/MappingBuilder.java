package io.asyncorm.orm.internal;

import io.asyncorm.exception.MappingError;
import io.asyncorm.orm.internal.ColumnProperty.Generation;
import io.asyncorm.orm.internal.RelationshipProperty.Cascade;
import io.asyncorm.orm.internal.RelationshipProperty.ColumnPair;
import io.asyncorm.orm.internal.RelationshipProperty.Direction;
import io.asyncorm.orm.mapping.LoaderStrategy;
import io.asyncorm.orm.mapping.Loading;
import io.asyncorm.orm.mapping.ServerDefault;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.ForeignKey;
import io.asyncorm.sql.MetaData;
import io.asyncorm.sql.SqlType;
import io.asyncorm.sql.SqlTypes;
import io.asyncorm.sql.Table;
import io.asyncorm.sql.TableElement;
import io.asyncorm.sql.UniqueConstraint;
import jakarta.persistence.Basic;
import jakarta.persistence.CascadeType;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds the mappings of a set of entity classes together, because one class's annotations can add a
 * column to another's table (the join column of a one-to-many). Every error names the class and field.
 */
final class MappingBuilder {

    /** A column being assembled before its table exists. */
    private static final class ColumnSpec {
        final String name;
        SqlType<?> type;
        @Nullable Field field;
        List<Field> holders = List.of();
        String attribute = "";
        Function<@Nullable Object, @Nullable Object> toDatabase = Function.identity();
        Function<@Nullable Object, @Nullable Object> fromDatabase = Function.identity();
        boolean id;
        boolean version;
        boolean nullable = true;
        boolean unique;
        boolean insertable = true;
        boolean updatable = true;
        @Nullable String serverDefault;
        boolean deferred;
        Generation generation = Generation.NONE;
        @Nullable String references;
        @Nullable String sequenceName;
        long sequenceStart = 1;
        /** In the table of a JOINED subclass: the root's key column this key column repeats, else null. */
        @Nullable ColumnSpec joinedKeyOf;

        ColumnSpec(String name, SqlType<?> type) {
            this.name = name;
            this.type = type;
        }
    }

    private final Map<Class<?>, ClassModel> models = new LinkedHashMap<>();

    private final Map<Class<?>, Map<String, ColumnSpec>> specs = new LinkedHashMap<>();

    /** The association table of each owning {@code @ManyToMany} field. */
    private final Map<Field, RelationshipProperty.Secondary> associations = new HashMap<>();

    /** Foreign keys over several columns (to a composite key), table elements of the holder's table. */
    private final Map<Class<?>, List<ForeignKey>> compositeForeignKeys = new LinkedHashMap<>();

    /** Unique constraints over several join columns (a one-to-one to a composite key), table elements too. */
    private final Map<Class<?>, List<UniqueConstraint>> compositeUniques = new LinkedHashMap<>();

    private MetaData metadata = new MetaData();

    private MappingBuilder(Collection<Class<?>> classes) {
        List<ClassModel> read = new ArrayList<>();
        for (Class<?> type : classes) {
            read.add(ClassModel.read(type));
        }
        // Hierarchy roots first: a subclass adds its columns to its root's table.
        read.stream().filter(model -> model.root == model.type).forEach(model -> this.models.put(model.type, model));
        read.stream().filter(model -> model.root != model.type).sorted(Comparator.comparingInt(MappingBuilder::depth))
                .forEach(model -> this.models.put(model.type, model));
        for (ClassModel model : read) {
            if (model.root != model.type && !this.models.containsKey(model.root)) {
                throw new MappingError(model.type.getName() + " is a subclass of " + model.root.getName()
                        + ", which is not in the Registry; add the hierarchy's root to Registry.of(...)");
            }
            for (Class<?> c = model.type; model.joined && c != model.root; ) {
                c = c.getSuperclass();
                if (c.isAnnotationPresent(jakarta.persistence.Entity.class) && !this.models.containsKey(c)) {
                    throw new MappingError(model.type.getName() + " is a subclass of " + c.getName() + ", whose table holds part of "
                            + "its rows (JOINED); add " + c.getSimpleName() + " to Registry.of(...)");
                }
            }
        }
        this.order = classes.stream().toList();
    }

    private static int depth(ClassModel model) {
        int depth = 0;
        for (Class<?> c = model.type; c != model.root; c = c.getSuperclass()) {
            depth++;
        }
        return depth;
    }

    /** The classes in the order they were given, which is the order of the mappings returned. */
    private final List<Class<?>> order;

    /**
     * Maps the classes, adding their tables to the metadata. A class that already has a mapping (from
     * another registry) keeps it, and its table, provided this set of classes maps it the same way.
     *
     * @param classes the entity classes
     * @param metadata where new tables are created
     * @param existing the current mapping of a class, or null
     * @return the mappings, in the order of the classes
     */
    static List<EntityMapping<?>> build(Collection<Class<?>> classes, MetaData metadata,
            Function<Class<?>, @Nullable EntityMapping<?>> existing) {
        return new MappingBuilder(classes).build(metadata, existing);
    }

    private List<EntityMapping<?>> build(MetaData metadata, Function<Class<?>, @Nullable EntityMapping<?>> existing) {
        this.metadata = metadata;
        this.models.values().forEach(this::readColumns);
        this.models.values().forEach(this::readJoinColumns);
        Map<Class<?>, Table> tables = new LinkedHashMap<>();
        Map<Class<?>, EntityMapping<?>> mappings = new LinkedHashMap<>();
        for (ClassModel model : this.models.values()) {
            EntityMapping<?> current = existing.apply(model.type);
            String signature = signature(model);
            if (current != null) {
                if (!current.signature().equals(signature)) {
                    throw new MappingError(model.type.getName() + " is already mapped by another Registry as " + current.signature()
                            + "; in this one it would be " + signature + ". A class maps to one table: give both registries "
                            + "the same related classes");
                }
                mappings.put(model.type, current);
                tables.put(model.type, current.table());
                continue;
            }
            if (model.root != model.type && !model.joined) {
                tables.put(model.type, tables.get(model.root));
                continue;
            }
            List<TableElement> columns = new ArrayList<>();
            this.specs.get(model.type).values().forEach(spec -> columns.add(column(spec)));
            columns.addAll(this.compositeForeignKeys.getOrDefault(model.type, List.of()));
            columns.addAll(this.compositeUniques.getOrDefault(model.type, List.of()));
            tables.put(model.type, metadata.table(model.tableName, columns.toArray(TableElement[]::new)));
            for (ColumnSpec spec : this.specs.get(model.type).values()) {
                if (spec.sequenceName != null && metadata.sequences().stream().noneMatch(q -> q.name().equals(spec.sequenceName))) {
                    metadata.sequence(spec.sequenceName, spec.sequenceStart);
                }
            }
        }
        Map<Class<?>, List<RelationshipProperty>> relationships = new LinkedHashMap<>();
        for (ClassModel model : this.models.values()) {
            if (mappings.containsKey(model.type)) {
                relationships.put(model.type, new ArrayList<>(mappings.get(model.type).relationshipList()));
                continue;
            }
            List<RelationshipProperty> list = new ArrayList<>();
            for (Field field : model.relationshipFields) {
                list.add(field.isAnnotationPresent(ManyToMany.class) ? manyToMany(model, field, tables, metadata)
                        : relationship(model, field, tables));
            }
            relationships.put(model.type, list);
        }
        linkInverses(relationships, mappings.keySet());
        List<EntityMapping<?>> result = new ArrayList<>();
        for (Class<?> type : this.order) {
            ClassModel model = this.models.get(type);
            EntityMapping<?> mapping = mappings.get(model.type);
            result.add(mapping != null ? mapping : mapping(model, tables, relationships.get(model.type), signature(model)));
        }
        return result;
    }

    /** A description of everything that shapes a class's table and relationships. */
    private String signature(ClassModel model) {
        StringBuilder signature = new StringBuilder(model.tableName).append('(');
        for (ColumnSpec spec : this.specs.get(model.type).values()) {
            signature.append(spec.name).append(' ').append(spec.type).append(spec.id ? " pk" : "").append(spec.nullable ? "" : " not null")
                    .append(spec.unique ? " unique" : "").append(spec.references == null ? "" : " -> " + spec.references)
                    .append(spec.serverDefault == null ? "" : " default " + spec.serverDefault)
                    .append(spec.sequenceName == null ? "" : " sequence " + spec.sequenceName).append(", ");
        }
        for (ForeignKey foreignKey : this.compositeForeignKeys.getOrDefault(model.type, List.of())) {
            signature.append(foreignKey).append(", ");
        }
        for (UniqueConstraint unique : this.compositeUniques.getOrDefault(model.type, List.of())) {
            signature.append("unique ").append(unique.columns()).append(", ");
        }
        for (Field field : model.relationshipFields) {
            signature.append(field.getName()).append(" -> ").append(field.getGenericType().getTypeName());
            JoinTable joinTable = field.getAnnotation(JoinTable.class);
            if (joinTable != null) {
                signature.append(" via ").append(joinTable.name());
            }
            signature.append(", ");
        }
        return signature.append(')').toString();
    }

    /** Whether a column field is declared below the root of the class's hierarchy (its subclass adds it to the table). */
    private static boolean declaredBelowRoot(ClassModel model, ClassModel.ColumnField columnField) {
        Class<?> owner = (columnField.holders().isEmpty() ? columnField.field() : columnField.holders().get(0)).getDeclaringClass();
        return owner != model.root && model.root.isAssignableFrom(owner);
    }

    private void readColumns(ClassModel model) {
        boolean subclass = model.root != model.type;
        // A subclass of a single-table hierarchy adds its columns to its root's table.
        boolean shared = subclass && !model.joined;
        Map<String, ColumnSpec> columns = shared ? this.specs.get(model.root) : new LinkedHashMap<>();
        if (subclass && model.joined) {
            joinedKey(model, columns);
        }
        for (ClassModel.ColumnField columnField : model.columnFields) {
            if (shared ? !declaredBelowRoot(model, columnField)
                    : fieldTable(model, columnField.holders().isEmpty() ? columnField.field() : columnField.holders().get(0)) != model) {
                continue;
            }
            Field field = columnField.field();
            jakarta.persistence.Column annotation = field.getAnnotation(jakarta.persistence.Column.class);
            String name = columnField.overrideName() != null && !columnField.overrideName().isEmpty() ? columnField.overrideName()
                    : annotation != null && !annotation.name().isEmpty() ? annotation.name() : ClassModel.snakeCase(field.getName());
            if (shared && columns.containsKey(name) && field.equals(columns.get(name).field)) {
                continue;
            }
            if (columns.containsKey(name)) {
                throw new MappingError(model.type.getName() + "." + columnField.attribute() + ": column '" + name
                        + "' is already mapped by " + columns.get(name).attribute
                        + (columnField.holders().isEmpty() ? "" : "; rename one with @AttributeOverride on the @Embedded field"));
            }
            JavaTypes.Binding binding = JavaTypes.of(field);
            ColumnSpec spec = new ColumnSpec(name, binding.sqlType());
            spec.field = field;
            spec.holders = columnField.holders();
            spec.attribute = columnField.attribute();
            spec.toDatabase = binding.toDatabase();
            spec.fromDatabase = binding.fromDatabase();
            if (annotation != null) {
                spec.nullable = annotation.nullable();
                spec.unique = annotation.unique();
                spec.insertable = annotation.insertable();
                spec.updatable = annotation.updatable();
            }
            if (field.getType().isPrimitive() && columnField.holders().isEmpty()) {
                spec.nullable = false;
            }
            Basic basic = field.getAnnotation(Basic.class);
            spec.deferred = basic != null && basic.fetch() == FetchType.LAZY;
            ServerDefault serverDefault = field.getAnnotation(ServerDefault.class);
            if (serverDefault != null) {
                spec.serverDefault = serverDefault.value();
            }
            if (columnField.id()) {
                spec.id = true;
                spec.nullable = false;
                spec.generation = JpaAnnotations.generation(field);
                if (spec.generation == Generation.SEQUENCE) {
                    SequenceGenerator generator = JpaAnnotations.sequenceGenerator(model, field);
                    spec.sequenceName = generator != null && !generator.sequenceName().isEmpty() ? generator.sequenceName()
                            : model.tableName + "_seq";
                    spec.sequenceStart = generator != null ? generator.initialValue() : 1;
                }
            } else if (field.isAnnotationPresent(GeneratedValue.class) && !field.isAnnotationPresent(Id.class)) {
                throw new MappingError(ClassModel.where(field) + ": @GeneratedValue is only supported on the @Id field");
            }
            if (field.isAnnotationPresent(Version.class)) {
                Class<?> type = EntityMapping.boxed(field.getType());
                if (type != Integer.class && type != Long.class && type != Short.class) {
                    throw new MappingError(ClassModel.where(field) + ": a @Version field must be an int, long or short");
                }
                spec.version = true;
                spec.nullable = false;
            }
            if (shared) {
                // The rows of the other classes of the hierarchy hold NULL here.
                spec.nullable = true;
            }
            columns.put(name, spec);
        }
        if (model.discriminatorColumn != null && !subclass) {
            if (columns.containsKey(model.discriminatorColumn)) {
                throw new MappingError(model.type.getName() + ": the discriminator column '" + model.discriminatorColumn
                        + "' is also mapped by a field; name it with @DiscriminatorColumn(name = ...)");
            }
            ColumnSpec discriminator = new ColumnSpec(model.discriminatorColumn, SqlTypes.varchar(31));
            discriminator.nullable = false;
            columns.put(model.discriminatorColumn, discriminator);
        }
        this.specs.put(model.type, columns);
    }

    /**
     * The key column of a JOINED subclass's table: the root's key column (or the {@code @PrimaryKeyJoinColumn}'s name),
     * referencing the key of the table of the entity class it extends.
     */
    private void joinedKey(ClassModel model, Map<String, ColumnSpec> columns) {
        ColumnSpec rootKey = keySpecs(this.models.get(model.root)).get(0);
        ClassModel parent = null;
        for (Class<?> c = model.type.getSuperclass(); parent == null; c = c.getSuperclass()) {
            parent = this.models.get(c);
        }
        ColumnSpec spec = new ColumnSpec(model.keyJoinColumn != null ? model.keyJoinColumn : rootKey.name,
                JavaTypes.keyType(keyType(rootKey), model.type.getName()));
        spec.joinedKeyOf = rootKey;
        spec.nullable = false;
        spec.references = parent.tableName + "." + keySpecs(parent).get(0).name;
        columns.put(spec.name, spec);
    }

    /** The Java type of a key column's values. */
    private static Class<?> keyType(ColumnSpec key) {
        return key.joinedKeyOf != null ? keyType(key.joinedKeyOf) : key.field.getType();
    }

    /**
     * The class whose table holds a field of {@code model} (declared by it or a superclass): in a JOINED hierarchy the
     * entity class declaring it, or the nearest entity class below the {@code @MappedSuperclass} declaring it; else the
     * class whose table holds all of {@code model}'s columns.
     */
    private ClassModel fieldTable(ClassModel model, Field field) {
        if (!model.joined) {
            return tableModel(model);
        }
        ClassModel owner = model;
        for (Class<?> c = model.type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (this.models.containsKey(c)) {
                owner = this.models.get(c);
            }
            if (c == field.getDeclaringClass()) {
                break;
            }
        }
        return owner;
    }

    /** The class whose table holds a class's own columns: itself, or the root of its single-table hierarchy. */
    private ClassModel tableModel(ClassModel model) {
        return model.joined ? model : this.models.get(model.root);
    }

    private void readJoinColumns(ClassModel model) {
        for (Field field : model.relationshipFields) {
            ManyToOne manyToOne = field.getAnnotation(ManyToOne.class);
            OneToOne oneToOne = field.getAnnotation(OneToOne.class);
            OneToMany oneToMany = field.getAnnotation(OneToMany.class);
            if (manyToOne != null || (oneToOne != null && oneToOne.mappedBy().isEmpty())) {
                ClassModel target = target(field, field.getType());
                boolean optional = manyToOne != null ? manyToOne.optional() : oneToOne.optional();
                ClassModel holder = fieldTable(model, field);
                List<ColumnSpec> specs = joinColumns(holder, field, target, ClassModel.snakeCase(field.getName()));
                // A reference of a subclass of a single-table hierarchy: the other classes' rows hold NULL in its columns.
                boolean subclassOwned = !model.joined && field.getDeclaringClass() != model.root
                        && model.root.isAssignableFrom(field.getDeclaringClass());
                for (ColumnSpec spec : specs) {
                    spec.nullable = subclassOwned || (spec.nullable && optional);
                    spec.unique |= oneToOne != null && specs.size() == 1;
                }
                if (oneToOne != null && specs.size() > 1) {
                    // One row per target: the join columns together are unique.
                    this.compositeUniques.computeIfAbsent(holder.type, k -> new ArrayList<>())
                            .add(UniqueConstraint.of(specs.stream().map(spec -> spec.name).toArray(String[]::new)));
                }
            } else if (oneToMany != null && oneToMany.mappedBy().isEmpty()) {
                if (field.getAnnotationsByType(JoinColumn.class).length == 0) {
                    throw new MappingError(ClassModel.where(field) + ": a @OneToMany without mappedBy needs a @JoinColumn naming the "
                            + "foreign-key column in the target's table (join tables are only for @ManyToMany)");
                }
                ClassModel target = target(field, JpaAnnotations.elementType(field));
                joinColumns(tableModel(target), field, model, ClassModel.snakeCase(model.entityName));
            }
        }
    }

    /** The key columns of a class, in key order. */
    private List<ColumnSpec> keySpecs(ClassModel model) {
        return this.specs.get(model.type).values().stream().filter(s -> s.id || s.joinedKeyOf != null).toList();
    }

    /**
     * Declares (or reuses) the foreign-key columns in {@code holder}'s table that reference {@code referenced}'s key, one
     * per key column, in key order. A foreign key over several columns becomes a table element of the holder's table.
     */
    private List<ColumnSpec> joinColumns(ClassModel holder, Field field, ClassModel referenced, String defaultPrefix) {
        List<ColumnSpec> keys = keySpecs(referenced);
        JoinColumn[] declared = field.getAnnotationsByType(JoinColumn.class);
        for (JoinColumn annotation : declared) {
            if (!annotation.table().isEmpty() || !annotation.columnDefinition().isEmpty()) {
                throw new MappingError(ClassModel.where(field) + ": @JoinColumn(table, columnDefinition) is not supported");
            }
        }
        List<String> names = joinColumnNames(field, declared, referenced, defaultPrefix);
        Map<String, ColumnSpec> columns = this.specs.get(holder.type);
        List<ColumnSpec> result = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            ColumnSpec key = keys.get(i);
            String name = names.get(i);
            ColumnSpec spec = columns.get(name);
            String target = referenced.tableName + "." + key.name;
            if (spec == null) {
                spec = new ColumnSpec(name, JavaTypes.keyType(keyType(key), ClassModel.where(field)));
                columns.put(name, spec);
            } else if (keys.size() == 1 && spec.references != null && !spec.references.equals(target)) {
                throw new MappingError(ClassModel.where(field) + ": column '" + name + "' already references " + spec.references);
            } else if (spec.field != null && EntityMapping.boxed(spec.field.getType()) != EntityMapping.boxed(keyType(key))) {
                throw new MappingError(ClassModel.where(field) + ": join column '" + name + "' is also mapped by field "
                        + spec.attribute + " of type " + spec.field.getType().getSimpleName() + ", but the key it references is a "
                        + keyType(key).getSimpleName());
            }
            if (keys.size() == 1) {
                spec.references = target;
            }
            JoinColumn annotation = declared.length == 0 ? null : declared.length == 1 ? declared[0] : declared[names.indexOf(name)];
            if (annotation != null) {
                spec.nullable &= annotation.nullable();
                spec.unique |= annotation.unique();
            }
            result.add(spec);
        }
        if (keys.size() > 1) {
            ForeignKey foreignKey = ForeignKey.of(names, referenced.tableName, keys.stream().map(k -> k.name).toList());
            List<ForeignKey> foreignKeys = this.compositeForeignKeys.computeIfAbsent(tableModel(holder).type, k -> new ArrayList<>());
            if (foreignKeys.stream().noneMatch(fk -> fk.columnNames().equals(names) && fk.targetTableName().equals(referenced.tableName))) {
                foreignKeys.add(foreignKey);
            }
        }
        return result;
    }

    /**
     * The names of the columns that reference {@code referenced}'s key, in key order: declared by {@code @JoinColumn}s
     * (for a composite key one per key column, matched by {@code referencedColumnName}, or in key order when none names
     * it), else {@code prefix_keycolumn}.
     */
    private List<String> joinColumnNames(Field field, JoinColumn[] declared, ClassModel referenced, String defaultPrefix) {
        List<ColumnSpec> keys = keySpecs(referenced);
        List<String> keyNames = keys.stream().map(k -> k.name).toList();
        if (declared.length == 0) {
            return keyNames.stream().map(key -> defaultPrefix + "_" + key).toList();
        }
        if (keys.size() == 1) {
            if (declared.length > 1) {
                throw new MappingError(ClassModel.where(field) + ": " + declared.length + " join columns for the one-column key of "
                        + referenced.type.getSimpleName());
            }
            JoinColumn annotation = declared[0];
            if (!annotation.referencedColumnName().isEmpty() && !annotation.referencedColumnName().equals(keyNames.get(0))) {
                throw new MappingError(ClassModel.where(field) + ": @JoinColumn(referencedColumnName) must be the primary key '"
                        + keyNames.get(0) + "' of " + referenced.type.getSimpleName());
            }
            return List.of(annotation.name().isEmpty() ? defaultPrefix + "_" + keyNames.get(0) : annotation.name());
        }
        String expected = ClassModel.where(field) + ": " + referenced.type.getSimpleName() + " has the composite key " + keyNames
                + "; declare one @JoinColumn(name, referencedColumnName) per key column, or none for the default names";
        if (declared.length != keys.size()) {
            throw new MappingError(expected);
        }
        boolean positional = Arrays.stream(declared).allMatch(j -> j.referencedColumnName().isEmpty());
        String[] names = new String[keys.size()];
        for (int i = 0; i < declared.length; i++) {
            int position = positional ? i : keyNames.indexOf(declared[i].referencedColumnName());
            if (position < 0 || names[position] != null || declared[i].name().isEmpty()) {
                throw new MappingError(expected);
            }
            names[position] = declared[i].name();
        }
        return List.of(names);
    }

    private ClassModel target(Field field, Class<?> type) {
        ClassModel target = this.models.get(type);
        if (target == null) {
            throw new MappingError(ClassModel.where(field) + ": relationship to " + type.getName()
                    + ", which is not in the Registry; add it to Registry.of(...)");
        }
        return target;
    }

    private static Column<?> column(ColumnSpec spec) {
        Column<?> column = Column.of(spec.name, spec.type);
        if (spec.id || spec.joinedKeyOf != null) {
            column = column.primaryKey();
            if (spec.generation == Generation.IDENTITY) {
                column = column.identity();
            }
        } else if (!spec.nullable) {
            column = column.notNull();
        }
        if (spec.unique && !spec.id) {
            column = column.unique();
        }
        if (spec.serverDefault != null) {
            column = column.serverDefault(spec.serverDefault);
        }
        if (spec.references != null) {
            column = column.references(ForeignKey.to(spec.references));
        }
        return column;
    }

    private RelationshipProperty relationship(ClassModel model, Field field, Map<Class<?>, Table> tables) {
        ManyToOne manyToOne = field.getAnnotation(ManyToOne.class);
        OneToOne oneToOne = field.getAnnotation(OneToOne.class);
        OneToMany oneToMany = field.getAnnotation(OneToMany.class);
        boolean collection = oneToMany != null;
        Class<?> targetType = collection ? JpaAnnotations.elementType(field) : field.getType();
        ClassModel target = target(field, targetType);
        String mappedBy = oneToMany != null ? oneToMany.mappedBy() : oneToOne != null ? oneToOne.mappedBy() : "";
        CascadeType[] cascade = manyToOne != null ? manyToOne.cascade() : oneToOne != null ? oneToOne.cascade() : oneToMany.cascade();
        FetchType fetch = manyToOne != null ? manyToOne.fetch() : oneToOne != null ? oneToOne.fetch() : oneToMany.fetch();
        boolean orphanRemoval = oneToOne != null ? oneToOne.orphanRemoval() : oneToMany != null && oneToMany.orphanRemoval();
        Direction direction;
        List<ColumnPair> pairs = new ArrayList<>();
        if (manyToOne != null || (oneToOne != null && mappedBy.isEmpty())) {
            direction = Direction.MANY_TO_ONE;
            pairs.addAll(pairs(field, tables.get(fieldTable(model, field).type), target, tables.get(target.type),
                    ClassModel.snakeCase(field.getName())));
        } else if (mappedBy.isEmpty()) {
            direction = Direction.ONE_TO_MANY;
            pairs.addAll(pairs(field, tables.get(target.type), model, tables.get(model.type), ClassModel.snakeCase(model.entityName)));
        } else {
            direction = Direction.ONE_TO_MANY;
            if (field.getAnnotationsByType(JoinColumn.class).length > 0) {
                throw new MappingError(ClassModel.where(field) + ": the mappedBy side takes no @JoinColumn; put it on "
                        + target.type.getSimpleName() + "." + mappedBy);
            }
        }
        Set<Cascade> cascades = JpaAnnotations.cascades(field, cascade);
        if (orphanRemoval) {
            cascades.add(Cascade.DELETE);
        }
        Loading loading = field.getAnnotation(Loading.class);
        LoaderStrategy strategy = loading != null ? loading.value()
                : !collection && fetch == FetchType.EAGER ? LoaderStrategy.SELECTIN : LoaderStrategy.LAZY;
        if (!collection && (strategy == LoaderStrategy.LAZY || strategy == LoaderStrategy.RAISE)) {
            if (direction != Direction.MANY_TO_ONE) {
                throw new MappingError(ClassModel.where(field) + ": the mappedBy side of a @OneToOne cannot be lazy (whether it "
                        + "is null is only known by querying); leave fetch EAGER or use @Loading(SELECTIN) or @Loading(JOINED)");
            }
            ReferenceProxies.check(target.type, ClassModel.where(field));
        }
        return new RelationshipProperty(field.getName(), model.type, target.type, new FieldAccess(field), direction, collection,
                field.getType() == Set.class, pairs, null, mappedBy.isEmpty() ? null : mappedBy, cascades, orphanRemoval, strategy);
    }

    /** A many-to-many: the owning side declares (or defaults) the association table; the mappedBy side is linked later. */
    private RelationshipProperty manyToMany(ClassModel model, Field field, Map<Class<?>, Table> tables, MetaData metadata) {
        ManyToMany annotation = field.getAnnotation(ManyToMany.class);
        ClassModel target = target(field, JpaAnnotations.elementType(field));
        Set<Cascade> cascades = JpaAnnotations.cascades(field, annotation.cascade());
        Loading loading = field.getAnnotation(Loading.class);
        LoaderStrategy strategy = loading != null ? loading.value() : LoaderStrategy.LAZY;
        RelationshipProperty.Secondary association = null;
        if (!annotation.mappedBy().isEmpty()) {
            if (field.isAnnotationPresent(JoinTable.class)) {
                throw new MappingError(ClassModel.where(field) + ": the mappedBy side takes no @JoinTable; put it on "
                        + target.type.getSimpleName() + "." + annotation.mappedBy());
            }
        } else {
            // Made once: the subclasses of the declaring class inherit the field.
            association = this.associations.computeIfAbsent(field, f -> associationTable(model, f, target, tables, metadata));
        }
        return new RelationshipProperty(field.getName(), model.type, target.type, new FieldAccess(field), Direction.MANY_TO_MANY, true,
                field.getType() == Set.class, List.of(), association, annotation.mappedBy().isEmpty() ? null : annotation.mappedBy(),
                cascades, false, strategy);
    }

    /** The association table of an owning {@code @ManyToMany} (declared, or named after both tables), and its joins. */
    private RelationshipProperty.Secondary associationTable(ClassModel model, Field field, ClassModel target, Map<Class<?>, Table> tables,
            MetaData metadata) {
        JoinTable joinTable = field.getAnnotation(JoinTable.class);
        String tableName = joinTable != null && !joinTable.name().isEmpty() ? joinTable.name() : model.tableName + "_" + target.tableName;
        List<String> ownerColumns = joinColumnNames(field, joinTable == null ? new JoinColumn[0] : joinTable.joinColumns(), model,
                ClassModel.snakeCase(model.entityName));
        List<String> targetColumns = joinColumnNames(field, joinTable == null ? new JoinColumn[0] : joinTable.inverseJoinColumns(),
                target, ClassModel.snakeCase(target.entityName));
        for (String name : ownerColumns) {
            if (targetColumns.contains(name)) {
                throw new MappingError(ClassModel.where(field) + ": both sides of join table '" + tableName + "' would have a column '"
                        + name + "'; name them with @JoinTable(joinColumns = @JoinColumn(name = ...), inverseJoinColumns = ...)");
            }
        }
        Table ownerTable = tables.get(model.type);
        Table targetTable = tables.get(target.type);
        List<TableElement> elements = new ArrayList<>();
        associationColumns(elements, ownerColumns, model, field);
        associationColumns(elements, targetColumns, target, field);
        Table secondary = metadata.table(tableName, elements.toArray(TableElement[]::new));
        List<ColumnPair> ownerPairs = new ArrayList<>();
        List<ColumnPair> targetPairs = new ArrayList<>();
        List<ColumnSpec> ownerKeys = keySpecs(model);
        List<ColumnSpec> targetKeys = keySpecs(target);
        for (int i = 0; i < ownerColumns.size(); i++) {
            ownerPairs.add(new ColumnPair(secondary.c(ownerColumns.get(i)), ownerTable.c(ownerKeys.get(i).name)));
        }
        for (int i = 0; i < targetColumns.size(); i++) {
            targetPairs.add(new ColumnPair(secondary.c(targetColumns.get(i)), targetTable.c(targetKeys.get(i).name)));
        }
        return new RelationshipProperty.Secondary(secondary, ownerPairs, targetPairs);
    }

    /** The join of a relationship: each foreign-key column of {@code holder} with the key column of {@code referenced}. */
    private List<ColumnPair> pairs(Field field, Table holder, ClassModel referenced, Table referencedTable, String defaultPrefix) {
        List<String> names = joinColumnNames(field, field.getAnnotationsByType(JoinColumn.class), referenced, defaultPrefix);
        List<ColumnSpec> keys = keySpecs(referenced);
        List<ColumnPair> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            pairs.add(new ColumnPair(holder.c(names.get(i)), referencedTable.c(keys.get(i).name)));
        }
        return pairs;
    }

    /** The columns of an association table that reference one side's key: part of its primary key, with the foreign key. */
    private void associationColumns(List<TableElement> elements, List<String> names, ClassModel side, Field field) {
        List<ColumnSpec> keys = keySpecs(side);
        for (int i = 0; i < names.size(); i++) {
            Column<?> column = Column.of(names.get(i), JavaTypes.keyType(EntityMapping.boxed(keyType(keys.get(i))),
                    ClassModel.where(field))).primaryKey();
            elements.add(keys.size() == 1 ? column.references(ForeignKey.to(side.tableName + "." + keys.get(i).name)) : column);
        }
        if (keys.size() > 1) {
            elements.add(ForeignKey.of(names, side.tableName, keys.stream().map(k -> k.name).toList()));
        }
    }

    private void linkInverses(Map<Class<?>, List<RelationshipProperty>> relationships, Set<Class<?>> existing) {
        for (Map.Entry<Class<?>, List<RelationshipProperty>> entry : relationships.entrySet()) {
            if (existing.contains(entry.getKey())) {
                continue;
            }
            List<RelationshipProperty> list = entry.getValue();
            for (RelationshipProperty inverse : List.copyOf(list)) {
                if (inverse.mappedBy() == null) {
                    continue;
                }
                String where = inverse.owner().getName() + "." + inverse.name();
                RelationshipProperty owning = relationships.get(inverse.target()).stream()
                        .filter(r -> r.name().equals(inverse.mappedBy())).findFirst()
                        .orElseThrow(() -> new MappingError(where + ": mappedBy = \"" + inverse.mappedBy() + "\", but "
                                + inverse.target().getSimpleName() + " has no relationship field of that name"));
                Direction expected = inverse.direction() == Direction.MANY_TO_MANY ? Direction.MANY_TO_MANY : Direction.MANY_TO_ONE;
                if (owning.target() != inverse.owner() || owning.direction() != expected || owning.mappedBy() != null) {
                    throw new MappingError(where + ": mappedBy = \"" + inverse.mappedBy() + "\" must name "
                            + (expected == Direction.MANY_TO_MANY ? "an owning @ManyToMany" : "a @ManyToOne or owning @OneToOne") + " of "
                            + inverse.target().getSimpleName() + " that refers to " + inverse.owner().getSimpleName());
                }
                RelationshipProperty resolved = owning.secondary() != null ? inverse.withSecondary(owning.secondary().reversed())
                        : inverse.withColumns(owning.columns());
                list.set(list.indexOf(inverse), resolved);
                resolved.linkInverse(owning, !existing.contains(owning.owner()));
            }
        }
    }

    private EntityMapping<?> mapping(ClassModel model, Map<Class<?>, Table> tables, List<RelationshipProperty> relationships,
            String signature) {
        // Every class of a JOINED hierarchy reads the columns of all its tables, root first; a column of a class's own
        // tables or of another class's is mapped to a field or hidden, as in a single-table hierarchy.
        List<ClassModel> owners = model.joined ? this.models.values().stream().filter(m -> m.root == model.root).toList()
                : List.of(tableModel(model));
        List<ColumnProperty> properties = new ArrayList<>();
        List<Table> layout = new ArrayList<>();
        List<Table> own = new ArrayList<>();
        for (ClassModel owner : owners) {
            Table table = tables.get(owner.type);
            layout.add(table);
            if (owner.type.isAssignableFrom(model.type)) {
                own.add(table);
            }
            for (ColumnSpec spec : this.specs.get(owner.type).values()) {
                boolean owned = spec.field != null
                        && (spec.holders.isEmpty() ? spec.field : spec.holders.get(0)).getDeclaringClass().isAssignableFrom(model.type);
                FieldAccess field = owned ? new FieldAccess(spec.field, spec.holders) : null;
                properties.add(new ColumnProperty(field == null ? spec.name : spec.attribute, table.c(spec.name), field,
                        spec.toDatabase, spec.fromDatabase, spec.id, spec.version, spec.insertable, spec.updatable,
                        spec.serverDefault != null, spec.generation, spec.deferred));
            }
        }
        for (ColumnProperty property : properties) {
            if (property.generation() == Generation.SEQUENCE) {
                String name = this.specs.get(model.root).values().stream().filter(spec -> spec.id && spec.sequenceName != null).findFirst()
                        .orElseThrow().sequenceName;
                property.withSequence(this.metadata.sequences().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow());
            }
        }
        return new EntityMapping<>(model.type, tables.get(model.root), properties, relationships, constructor(model.type), signature,
                model.keyClass, keyClassFields(model, properties), hierarchy(model), layout, own);
    }

    /** A class's place in a hierarchy: its discriminator value, and the classes of the values it queries. */
    private EntityMapping.@Nullable Hierarchy hierarchy(ClassModel model) {
        ClassModel root = this.models.get(model.root);
        if (root.discriminatorColumn == null) {
            return null;
        }
        Map<String, Class<?>> classes = new LinkedHashMap<>();
        List<String> values = new ArrayList<>();
        for (ClassModel member : this.models.values()) {
            if (member.root != model.root) {
                continue;
            }
            Class<?> previous = classes.put(member.discriminatorValue, member.type);
            if (previous != null) {
                throw new MappingError(member.type.getName() + " and " + previous.getName() + " have the same discriminator value '"
                        + member.discriminatorValue + "'; give one a @DiscriminatorValue");
            }
            if (model.type.isAssignableFrom(member.type)) {
                values.add(member.discriminatorValue);
            }
        }
        return new EntityMapping.Hierarchy(model.root, root.discriminatorColumn, model.discriminatorValue, Map.copyOf(classes),
                List.copyOf(values));
    }

    /** How a key object's parts are read: the {@code @IdClass}'s fields of the @Id fields' names, or the embedded id's own. */
    private static List<FieldAccess> keyClassFields(ClassModel model, List<ColumnProperty> properties) {
        List<FieldAccess> fields = new ArrayList<>();
        if (model.keyClass == null) {
            return fields;
        }
        for (ColumnProperty property : properties) {
            if (!property.isId()) {
                continue;
            }
            Field field = property.field().field();
            if (field.getDeclaringClass().isAssignableFrom(model.keyClass)) {
                fields.add(new FieldAccess(field));
            } else {
                fields.add(new FieldAccess(declaredField(model.keyClass, field.getName())));
            }
        }
        return fields;
    }

    private static Field declaredField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException ex) {
                // look in the superclass
            }
        }
        throw new MappingError(type.getName() + " has no field " + name);
    }

    private static @Nullable Supplier<Object> constructor(Class<?> type) {
        if (java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        try {
            return Instantiator.of(type);
        } catch (ReflectiveOperationException ex) {
            throw new MappingError(type.getName() + ": cannot use its no-argument constructor (" + ex.getMessage()
                    + "); if the entity is in a named module, open its package to io.asyncorm");
        }
    }
}
