package io.toolcatalog.client;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.toolcatalog.testsupport.PackageRules.mainClassesOf;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The module's packages depend on each other one way only (docs/ARCHITECTURE.md, Modules). */
class ClientPackageRulesTest {

    private static final JavaClasses CLASSES = mainClassesOf("io.toolcatalog.client");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.toolcatalog.client.(*)..")
                .should()
                .beFreeOfCycles()
                // one package today: the rule holds the day it gets a second
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
