package io.toolcatalog.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * What every module's package-rules test checks its rules against (docs/ARCHITECTURE.md, Modules):
 * its main classes, tests left out.
 */
public final class PackageRules {

    private PackageRules() {}

    /** The main classes (no tests) in {@code root} and the packages under it. */
    public static JavaClasses mainClassesOf(String root) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }
}
