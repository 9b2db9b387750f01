package io.toolcatalog.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What every module's package-rules test checks (docs/ARCHITECTURE.md, Modules): its main classes,
 * tests left out, and that the packages under its root depend on each other one way only.
 */
public final class PackageRules {

    private PackageRules() {}

    /** The main classes (no tests) in {@code root} and the packages under it. */
    public static JavaClasses mainClassesOf(String root) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    /** The packages directly under {@code root} (with theirs) form no cycle. */
    public static ArchRule packagesFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }
}
