package io.toolcatalog.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.toolcatalog.testsupport.PackageRules.mainClassesOf;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The module's packages depend on each other one way only (docs/ARCHITECTURE.md, Modules). */
class TestSupportPackageRulesTest {

    private static final JavaClasses CLASSES = mainClassesOf("io.toolcatalog.testsupport");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.toolcatalog.testsupport.(*)..")
                .should()
                .beFreeOfCycles()
                // one package today: the rule holds the day it gets a second
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
