package io.asyncorm.spring.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.asyncorm.testing.ReactiveCalls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The starter keeps the core's rules (no blocking, no detached subscriptions, no thread-bound state), uses only the
 * core's public API, and keeps Spring Boot out of its transaction and web packages (STYLE's starter layout).
 */
class StarterArchitectureTests {

    private static JavaClasses starter;

    @BeforeAll
    static void importStarterClasses() {
        starter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("async-orm-core"))
                .importPackages("io.asyncorm.spring");
    }

    @Test
    void neverBlocksOnAPublisher() {
        noClasses().should().callMethodWhere(ReactiveCalls.blocking()).check(starter);
    }

    @Test
    void neverSubscribesFireAndForget() {
        noClasses().should().callMethodWhere(ReactiveCalls.detachedSubscribe()).check(starter);
    }

    @Test
    void keepsNoThreadBoundState() {
        noClasses().should().dependOnClassesThat().areAssignableTo(ThreadLocal.class).check(starter);
    }

    @Test
    void usesOnlyTheCoresPublicApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.asyncorm..internal..").check(starter);
    }

    @Test
    void transactionAndWebPackagesDoNotNeedSpringBoot() {
        noClasses().that().resideInAnyPackage("io.asyncorm.spring.transaction..", "io.asyncorm.spring.web..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(starter);
    }
}
