package io.toolcatalog.node.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.toolcatalog.testsupport.PackageRules.mainClassesOf;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The node's packages depend on each other one way only (docs/ARCHITECTURE.md, Modules). */
class NodePackageRulesTest {

    private static final JavaClasses CLASSES = mainClassesOf("io.toolcatalog.node");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.toolcatalog.node.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
