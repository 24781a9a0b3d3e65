package io.asyncorm.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Writes the typed metamodel of each {@code @Entity} class: for {@code A}, a class {@code A_} in the same
 * package with a {@code ColumnAttribute} per column field, a {@code ReferenceAttribute} per
 * {@code @ManyToOne}/{@code @OneToOne} and a {@code CollectionAttribute} per {@code @OneToMany}/{@code @ManyToMany},
 * as JPA's static metamodel does:
 *
 * <pre>{@code
 * select(A.class).where(A_.data.eq("x")).options(selectinload(A_.bs))
 * }</pre>
 *
 * <p>Fields of {@code @MappedSuperclass} superclasses are included; static, {@code transient} and
 * {@code @Transient} fields are not. A nested entity {@code Outer.Inner} gets {@code Outer_Inner_}.
 * The processor needs nothing on its own path: it reads annotations by name.
 */
@SupportedAnnotationTypes("jakarta.persistence.Entity")
public final class MetamodelProcessor extends AbstractProcessor {

    private static final String PREFIX = "jakarta.persistence.";

    /** Creates the processor; the compiler calls this through the service loader. */
    public MetamodelProcessor() {
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element.getKind() == ElementKind.CLASS) {
                    write((TypeElement) element);
                }
            }
        }
        return false;
    }

    private void write(TypeElement entity) {
        String packageName = this.processingEnv.getElementUtils().getPackageOf(entity).getQualifiedName().toString();
        String metamodelName = metamodelName(entity);
        String entityName = entity.getQualifiedName().toString();
        List<String> constants = new ArrayList<>();
        for (VariableElement field : fields(entity)) {
            if (isEmbedded(field)) {
                embedded(entityName, field, field.getSimpleName().toString(), constants);
            } else {
                constants.add(constant(entityName, field));
            }
        }
        String qualified = packageName.isEmpty() ? metamodelName : packageName + "." + metamodelName;
        StringBuilder source = new StringBuilder();
        if (!packageName.isEmpty()) {
            source.append("package ").append(packageName).append(";\n\n");
        }
        source.append("/** The typed metamodel of {@link ").append(entityName).append("}, written by async-orm's annotation processor. */\n")
                .append("@javax.annotation.processing.Generated(\"").append(MetamodelProcessor.class.getName()).append("\")\n")
                .append("@SuppressWarnings({\"rawtypes\", \"unchecked\"})\n")
                .append("public final class ").append(metamodelName).append(" {\n\n");
        for (String constant : constants) {
            source.append(constant).append('\n');
        }
        source.append("    private ").append(metamodelName).append("() {\n    }\n}\n");
        try (Writer writer = this.processingEnv.getFiler().createSourceFile(qualified, entity).openWriter()) {
            writer.write(source.toString());
        } catch (IOException ex) {
            this.processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Cannot write " + qualified + ": " + ex, entity);
        }
    }

    private static String metamodelName(TypeElement entity) {
        StringBuilder name = new StringBuilder(entity.getSimpleName());
        for (Element outer = entity.getEnclosingElement(); outer instanceof TypeElement type; outer = type.getEnclosingElement()) {
            name.insert(0, type.getSimpleName() + "_");
        }
        return name.append('_').toString();
    }

    private List<VariableElement> fields(TypeElement entity) {
        List<TypeElement> chain = new ArrayList<>();
        chain.add(entity);
        TypeMirror superclass = entity.getSuperclass();
        while (superclass instanceof DeclaredType declared && declared.asElement() instanceof TypeElement parent
                && annotation(parent, "MappedSuperclass")) {
            chain.add(0, parent);
            superclass = parent.getSuperclass();
        }
        List<VariableElement> fields = new ArrayList<>();
        for (TypeElement type : chain) {
            for (Element member : type.getEnclosedElements()) {
                if (member.getKind() == ElementKind.FIELD && !member.getModifiers().contains(Modifier.STATIC)
                        && !member.getModifiers().contains(Modifier.TRANSIENT) && !annotation(member, "Transient")) {
                    fields.add((VariableElement) member);
                }
            }
        }
        return fields;
    }

    private boolean isEmbedded(VariableElement field) {
        return annotation(field, "Embedded") || annotation(field, "EmbeddedId") || (field.asType() instanceof DeclaredType declared
                && annotation(declared.asElement(), "Embeddable"));
    }

    /** The columns of an embedded object, flattened: {@code address.street} becomes the constant {@code address_street}. */
    private void embedded(String entityName, VariableElement holder, String path, List<String> constants) {
        if (!(holder.asType() instanceof DeclaredType declared)) {
            return;
        }
        for (Element member : declared.asElement().getEnclosedElements()) {
            if (member.getKind() != ElementKind.FIELD || member.getModifiers().contains(Modifier.STATIC)
                    || member.getModifiers().contains(Modifier.TRANSIENT) || annotation(member, "Transient")) {
                continue;
            }
            VariableElement field = (VariableElement) member;
            String attribute = path + "." + field.getSimpleName();
            if (isEmbedded(field)) {
                embedded(entityName, field, attribute, constants);
                continue;
            }
            String boxed = typeName(field.asType());
            String constant = attribute.replace('.', '_');
            constants.add("    /** The attribute {@code " + attribute + "}. */\n    public static final io.asyncorm.orm.ColumnAttribute<"
                    + entityName + ", " + boxed + "> " + constant + " =\n            io.asyncorm.orm.Attribute.column(" + entityName
                    + ".class, \"" + attribute + "\", " + boxed + ".class);\n");
        }
    }

    private String constant(String entityName, VariableElement field) {
        String name = field.getSimpleName().toString();
        TypeMirror type = field.asType();
        if (annotation(field, "ManyToOne") || annotation(field, "OneToOne")) {
            String target = typeName(type);
            return line("ReferenceAttribute", entityName, target, "reference", name, target);
        }
        if (annotation(field, "OneToMany") || annotation(field, "ManyToMany")) {
            String element = type instanceof DeclaredType declared && declared.getTypeArguments().size() == 1
                    ? typeName(declared.getTypeArguments().get(0)) : "java.lang.Object";
            return line("CollectionAttribute", entityName, element, "collection", name, element);
        }
        String boxed = typeName(type);
        return line("ColumnAttribute", entityName, boxed, "column", name, boxed);
    }

    private static String line(String kind, String entityName, String typeArgument, String factory, String name, String literal) {
        return "    /** The attribute {@code " + name + "}. */\n    public static final io.asyncorm.orm." + kind + "<" + entityName + ", "
                + typeArgument + "> " + name + " =\n            io.asyncorm.orm.Attribute." + factory + "(" + entityName + ".class, \""
                + name + "\", " + literal + ".class);\n";
    }

    /** The erased, boxed name of a type, usable both as a type argument and before {@code .class}. */
    private String typeName(TypeMirror type) {
        Types types = this.processingEnv.getTypeUtils();
        if (type.getKind().isPrimitive()) {
            return types.boxedClass((PrimitiveType) type).getQualifiedName().toString();
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return types.erasure(type).toString();
        }
        if (types.erasure(type) instanceof DeclaredType declared) {
            return ((TypeElement) declared.asElement()).getQualifiedName().toString();
        }
        return "java.lang.Object";
    }

    private static boolean annotation(Element element, String simpleName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(PREFIX + simpleName)) {
                return true;
            }
        }
        return false;
    }
}
