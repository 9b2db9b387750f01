package io.toolcatalog.bench;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.toolcatalog.testsupport.PackageRules.mainClassesOf;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The module's packages depend on each other one way only (docs/ARCHITECTURE.md, Modules). */
class BenchPackageRulesTest {

    private static final JavaClasses CLASSES = mainClassesOf("io.toolcatalog.bench");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.toolcatalog.bench.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }
}
