package io.toolcatalog.api;

import static io.toolcatalog.testsupport.PackageRules.mainClassesOf;
import static io.toolcatalog.testsupport.PackageRules.packagesFreeOfCycles;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The module's packages depend on each other one way only (docs/ARCHITECTURE.md, Modules). */
class ApiPackageRulesTest {

    private static final JavaClasses CLASSES = mainClassesOf("io.toolcatalog.api");

    @Test
    void packagesAreFreeOfCycles() {
        packagesFreeOfCycles("io.toolcatalog.api").check(CLASSES);
    }
}
