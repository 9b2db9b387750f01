package io.toolcatalog.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The cycle rule every module's package-rules test writes, as they write it, fails on a cycle: two
 * test packages ({@code plantedcycle.first}, {@code plantedcycle.second}) that need each other.
 */
class PackageCycleRuleTest {

    private static final String PLANTED = "io.toolcatalog.testsupport.plantedcycle";

    @Test
    void reportsACycleBetweenTwoPackages() {
        JavaClasses planted = new ClassFileImporter().importPackages(PLANTED);

        EvaluationResult result =
                slices().matching(PLANTED + ".(*)..").should().beFreeOfCycles().evaluate(planted);

        assertTrue(result.hasViolation(), "a cycle between the planted packages is a violation");
        String report = result.getFailureReport().toString();
        assertTrue(report.contains("PlantedCycleFirst") && report.contains("PlantedCycleSecond"), report);
    }

    @Test
    void passesWhenOnlyOneSideOfTheCycleIsThere() {
        JavaClasses oneSide = new ClassFileImporter().importPackages(PLANTED + ".first");

        EvaluationResult result =
                slices().matching(PLANTED + ".(*)..").should().beFreeOfCycles().evaluate(oneSide);

        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }
}
