package io.asyncorm.orm.internal;

import io.asyncorm.exception.MappingError;
import io.asyncorm.orm.internal.ColumnProperty.Generation;
import io.asyncorm.orm.internal.RelationshipProperty.Cascade;
import jakarta.persistence.CascadeType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.SequenceGenerator;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What single JPA annotations mean for async-orm: key generation, sequence generators, cascades, element types. */
final class JpaAnnotations {

    private JpaAnnotations() {
    }

    static Generation generation(Field field) {
        GeneratedValue generated = field.getAnnotation(GeneratedValue.class);
        if (generated == null) {
            return Generation.NONE;
        }
        Class<?> type = EntityMapping.boxed(field.getType());
        GenerationType strategy = generated.strategy();
        if (strategy == GenerationType.UUID || (strategy == GenerationType.AUTO && type == UUID.class)) {
            if (type != UUID.class && type != String.class) {
                throw new MappingError(ClassModel.where(field) + ": UUID generation needs a UUID or String field");
            }
            return Generation.UUID;
        }
        if (strategy == GenerationType.IDENTITY || strategy == GenerationType.AUTO) {
            if (type != Integer.class && type != Long.class && type != Short.class) {
                throw new MappingError(ClassModel.where(field) + ": IDENTITY generation needs an integer field, not " + type.getName());
            }
            return Generation.IDENTITY;
        }
        if (strategy == GenerationType.SEQUENCE) {
            if (type != Integer.class && type != Long.class && type != Short.class) {
                throw new MappingError(ClassModel.where(field) + ": SEQUENCE generation needs an integer field, not " + type.getName());
            }
            return Generation.SEQUENCE;
        }
        throw new MappingError(ClassModel.where(field) + ": @GeneratedValue(strategy = " + strategy
                + ") is not supported; use IDENTITY, SEQUENCE, UUID or AUTO");
    }


    /** The {@code @SequenceGenerator} the id's {@code @GeneratedValue(generator)} names, on the field or the class. */
    static @Nullable SequenceGenerator sequenceGenerator(ClassModel model, Field field) {
        String name = field.getAnnotation(GeneratedValue.class).generator();
        for (SequenceGenerator candidate : new SequenceGenerator[] {field.getAnnotation(SequenceGenerator.class),
                model.type.getAnnotation(SequenceGenerator.class)}) {
            if (candidate != null && (name.isEmpty() || candidate.name().equals(name))) {
                return candidate;
            }
        }
        if (!name.isEmpty()) {
            throw new MappingError(ClassModel.where(field) + ": @GeneratedValue(generator = \"" + name + "\") names no "
                    + "@SequenceGenerator on the field or the class");
        }
        return null;
    }


    static Class<?> elementType(Field field) {
        if (field.getType() != List.class && field.getType() != Set.class && field.getType() != Collection.class) {
            throw new MappingError(ClassModel.where(field) + ": a collection relationship must be declared as List, Set or Collection");
        }
        if (field.getGenericType() instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        throw new MappingError(ClassModel.where(field) + ": declare the element type, for example List<Book>");
    }


    static Set<Cascade> cascades(Field field, CascadeType[] cascade) {
        Set<Cascade> cascades = EnumSet.noneOf(Cascade.class);
        for (CascadeType type : cascade) {
            switch (type) {
                case ALL -> cascades.addAll(EnumSet.allOf(Cascade.class));
                case REMOVE -> cascades.add(Cascade.DELETE);
                case MERGE -> cascades.add(Cascade.MERGE);
                case REFRESH -> cascades.add(Cascade.REFRESH);
                case DETACH -> cascades.add(Cascade.EXPUNGE);
                case PERSIST -> {
                    // Saving related objects always cascades, as SQLAlchemy's default "save-update" cascade does.
                }
                default -> throw new MappingError(ClassModel.where(field) + ": cascade " + type + " is not supported");
            }
        }
        return cascades;
    }
}
