package io.toolcatalog.client.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Actuator and Micrometer are optional: only the classes their auto-configurations guard may use
 * them, so an application without them loads the rest of the starter.
 */
class OptionalDependenciesTest {

    private static final JavaClasses STARTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.toolcatalog.client.spring");

    @Test
    void onlyTheHealthClassesUseActuator() {
        noClasses()
                .that()
                .doNotHaveSimpleName("CatalogClientHealthAutoConfiguration")
                .and()
                .doNotHaveSimpleName("CatalogClientHealthIndicator")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework.boot.actuate..")
                .check(STARTER);
    }

    @Test
    void onlyTheMetricsClassesUseMicrometer() {
        noClasses()
                .that()
                .doNotHaveSimpleName("CatalogClientMetricsAutoConfiguration")
                .and()
                .doNotHaveSimpleName("CatalogClientMetrics")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.micrometer..")
                .check(STARTER);
    }
}
