package io.toolcatalog.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A pipeline embeds the client without the server: it needs the JDK, Jackson and SLF4J, nothing else. */
class ClientDependenciesTest {

    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.toolcatalog.client");

    @Test
    void dependsOnlyOnTheJdkJacksonAndSlf4j() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.toolcatalog.client..", "com.fasterxml.jackson..", "org.slf4j..")
                .check(CLIENT);
    }
}
