package io.asyncorm.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles small entity sources with the processor and reads what it wrote. */
class MetamodelProcessorTests {

    @TempDir
    Path output;

    private static JavaFileObject source(String name, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    /** Runs the processor only (no class files), returning the generated sources by file name. */
    private List<String> generate(JavaFileObject... sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(this.output));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(this.output));
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics,
                    List.of("-proc:only", "-classpath", System.getProperty("java.class.path")), null, List.of(sources));
            task.setProcessors(List.of(new MetamodelProcessor()));
            task.call();
            // The generated classes refer to io.asyncorm.orm, which this module does not depend on; anything else is a bug.
            assertThat(diagnostics.getDiagnostics()).filteredOn(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .allSatisfy(d -> assertThat(d.getMessage(null)).contains("package io.asyncorm.orm does not exist"));
        }
        List<String> generated = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(this.output)) {
            for (Path path : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                generated.add(this.output.relativize(path) + "\n" + Files.readString(path));
            }
        }
        return generated;
    }

    @Test
    void writesOneConstantPerMappedFieldWithBoxedTypesRelationshipsAndEmbeddedColumns() throws IOException {
        List<String> generated = generate(
                source("shop.Base", """
                        package shop;
                        @jakarta.persistence.MappedSuperclass
                        public abstract class Base { @jakarta.persistence.Id protected long id; }
                        """),
                source("shop.Money", """
                        package shop;
                        @jakarta.persistence.Embeddable
                        public class Money { java.math.BigDecimal amount; String currency; }
                        """),
                source("shop.Order", """
                        package shop;
                        import jakarta.persistence.*;
                        import java.util.List;
                        @Entity
                        public class Order extends Base {
                            int quantity;
                            transient String cache;
                            @Transient String computed;
                            static String constant;
                            byte[] signature;
                            @Embedded Money total;
                            @ManyToOne Customer customer;
                            @OneToMany(mappedBy = "order") List<Line> lines;
                            @Entity public static class Line { @Id Long id; @ManyToOne Order order; }
                        }
                        """),
                source("shop.Customer", """
                        package shop;
                        @jakarta.persistence.Entity
                        public class Customer { @jakarta.persistence.Id Long id; }
                        """));
        String order = generated.stream().filter(s -> s.startsWith("shop/Order_.java")).findFirst().orElseThrow();
        assertThat(order)
                .contains("ColumnAttribute<shop.Order, java.lang.Long> id =")
                .contains("ColumnAttribute<shop.Order, java.lang.Integer> quantity =")
                .contains("ColumnAttribute<shop.Order, byte[]> signature =")
                .contains("Attribute.column(shop.Order.class, \"total.amount\", java.math.BigDecimal.class)")
                .contains("ColumnAttribute<shop.Order, java.lang.String> total_currency =")
                .contains("ReferenceAttribute<shop.Order, shop.Customer> customer =")
                .contains("CollectionAttribute<shop.Order, shop.Order.Line> lines =")
                .doesNotContain("cache").doesNotContain("computed").doesNotContain("constant");
        assertThat(generated).anySatisfy(s -> assertThat(s).startsWith("shop/Order_Line_.java")
                .contains("ReferenceAttribute<shop.Order.Line, shop.Order> order ="));
        assertThat(generated).noneSatisfy(s -> assertThat(s).startsWith("shop/Money_"));
    }

    @Test
    void anEmbeddedIdGivesOneConstantPerKeyColumnAndAnIdClassEntityOnePerIdField() throws IOException {
        List<String> generated = generate(
                source("keys.LineId", """
                        package keys;
                        @jakarta.persistence.Embeddable
                        public class LineId { Long orderId; Integer position; }
                        """),
                source("keys.Line", """
                        package keys;
                        @jakarta.persistence.Entity
                        public class Line { @jakarta.persistence.EmbeddedId LineId id; String sku; }
                        """),
                source("keys.Account", """
                        package keys;
                        import jakarta.persistence.*;
                        @Entity @IdClass(Account.Key.class)
                        public class Account {
                            @Id String tenant;
                            @Id Long number;
                            public record Key(String tenant, Long number) { }
                        }
                        """));
        assertThat(generated.stream().filter(s -> s.startsWith("keys/Line_.java")).findFirst().orElseThrow())
                .contains("ColumnAttribute<keys.Line, java.lang.Long> id_orderId =")
                .contains("Attribute.column(keys.Line.class, \"id.position\", java.lang.Integer.class)")
                .contains("ColumnAttribute<keys.Line, java.lang.String> sku =");
        assertThat(generated.stream().filter(s -> s.startsWith("keys/Account_.java")).findFirst().orElseThrow())
                .contains("ColumnAttribute<keys.Account, java.lang.String> tenant =")
                .contains("ColumnAttribute<keys.Account, java.lang.Long> number =");
    }
}
