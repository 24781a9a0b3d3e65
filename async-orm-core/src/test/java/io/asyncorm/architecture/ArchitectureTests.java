package io.asyncorm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.asyncorm.testing.ReactiveCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules the library keeps in main code: reactive all the way down (no blocking, no sleeping, no
 * thread-bound state, no fire-and-forget subscriptions), no package cycles, implementations hidden, the
 * ORM's internal package used by the ORM only and never exposed by its API.
 */
class ArchitectureTests {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.asyncorm");
    }

    @Test
    void mainCodeNeverBlocksOnAPublisher() {
        noClasses().that().doNotHaveFullyQualifiedName("io.asyncorm.internal.SyncBridge").should().callMethodWhere(ReactiveCalls.blocking())
                .because("a reactive library must never block its caller's thread; SyncBridge (runSync's own threads) is the one bridge")
                .check(main);
    }

    @Test
    void mainCodeNeverSubscribesFireAndForget() {
        noClasses().should().callMethodWhere(ReactiveCalls.detachedSubscribe())
                .because("a detached subscription escapes cancellation and loses errors; compose the publisher instead")
                .check(main);
    }

    @Test
    void mainCodeNeverSleepsNorKeepsThreadBoundState() {
        noClasses().should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().dependOnClassesThat().areAssignableTo(ThreadLocal.class)
                .because("state travels in the Reactor Context, and time through schedulers")
                .check(main);
    }

    @Test
    void packagesHaveNoCycles() {
        // (**): every package is a slice of its own, so a cycle between a package and its subpackage counts too.
        slices().matching("io.asyncorm.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void implementationsAreHidden() {
        classes().that().haveSimpleNameStartingWith("Default").should().notBePublic().check(main);
        classes().that().haveSimpleNameStartingWith("Default").should().haveModifier(JavaModifier.FINAL).check(main);
    }

    @Test
    void internalPackagesAreUsedOnlyWhereThePackageSays() {
        noClasses().that().resideOutsideOfPackages("io.asyncorm.orm", "io.asyncorm.orm.internal")
                .should().dependOnClassesThat().resideInAPackage("io.asyncorm.orm.internal").check(main);
        noClasses().that().resideOutsideOfPackages("io.asyncorm.engine", "io.asyncorm.orm", "io.asyncorm.orm.internal", "io.asyncorm.internal")
                .should().dependOnClassesThat().resideInAPackage("io.asyncorm.internal").check(main);
    }

    @Test
    void theMappingVocabularyDependsOnSqlOnly() {
        noClasses().that().resideInAPackage("io.asyncorm.orm.mapping")
                .should().dependOnClassesThat().resideInAnyPackage("io.asyncorm.orm", "io.asyncorm.orm.internal", "io.asyncorm.engine..")
                .check(main);
    }

    @Test
    void theApiDoesNotExposeInternalTypes() {
        methods().that().arePublic().and().areDeclaredInClassesThat().resideOutsideOfPackages("..internal..")
                .and().areDeclaredInClassesThat().arePublic()
                .should(new ArchCondition<JavaMethod>("not take or return types of an internal package") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean exposes = isInternal(method.getRawReturnType().getPackageName())
                                || method.getRawParameterTypes().stream().anyMatch(t -> isInternal(t.getPackageName()));
                        if (exposes) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " exposes an internal type"));
                        }
                    }
                }).check(main);
    }

    @Test
    void noHandWrittenMainClassIsOverFiveHundredLines() throws IOException {
        // Every module of the build: the test runs in async-orm-core, beside the others.
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(".."), 6)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("src/main/java")).toList()) {
                int lines = Files.readAllLines(file).size();
                if (lines > 500) {
                    tooLong.add(file + " (" + lines + " lines)");
                }
            }
        }
        assertThat(tooLong).as("classes with one job stay under ~500 lines: split the ones listed").isEmpty();
    }

    private static boolean isInternal(String packageName) {
        return packageName.endsWith(".internal") || packageName.contains(".internal.");
    }
}
