package io.toolcatalog.api;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's packages depend on each other one way only (docs/ARCHITECTURE.md, Modules). */
class ApiPackageRulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.toolcatalog.api");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.toolcatalog.api.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
