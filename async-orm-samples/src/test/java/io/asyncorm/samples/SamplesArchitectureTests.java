package io.asyncorm.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sample uses only the public API: nothing from async-orm's internal packages or the starter's implementation. */
class SamplesArchitectureTests {

    @Test
    void usesOnlyThePublicApi() {
        JavaClasses sample = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.asyncorm.samples");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.asyncorm..internal..",
                "io.asyncorm.spring.boot.autoconfigure..").check(sample);
    }
}
