package io.toolcatalog.core;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.toolcatalog.testsupport.PackageRules.mainClassesOf;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The core's packages (docs/ARCHITECTURE.md, Modules) form layers: {@code tool} ← {@code cohort} ← {@code change} ←
 * {@code store} ← {@code write} ← {@code cluster} ← {@code history} ← {@code reload}, with
 * {@code concurrent}, {@code error}, {@code naming} and {@code settings} beneath them all.
 * A lower layer never reaches up; what it would need from above is a port it owns.
 */
class CorePackageRulesTest {

    private static final JavaClasses CORE = mainClassesOf("io.toolcatalog.core");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.toolcatalog.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void layersPointDownOnly() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("reload")
                .definedBy("io.toolcatalog.core.reload..")
                .layer("history")
                .definedBy("io.toolcatalog.core.history..")
                .layer("cluster")
                .definedBy("io.toolcatalog.core.cluster..")
                .layer("write")
                .definedBy("io.toolcatalog.core.write..")
                .layer("store")
                .definedBy("io.toolcatalog.core.store..")
                .layer("change")
                .definedBy("io.toolcatalog.core.change..")
                .layer("cohort")
                .definedBy("io.toolcatalog.core.cohort..")
                .layer("tool")
                .definedBy("io.toolcatalog.core.tool..")
                .layer("base")
                .definedBy(
                        "io.toolcatalog.core.concurrent..",
                        "io.toolcatalog.core.error..",
                        "io.toolcatalog.core.naming..",
                        "io.toolcatalog.core.settings..")
                .whereLayer("reload")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("history")
                .mayOnlyBeAccessedByLayers("reload")
                .whereLayer("cluster")
                .mayOnlyBeAccessedByLayers("history", "reload")
                .whereLayer("write")
                .mayOnlyBeAccessedByLayers("cluster", "history", "reload")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("write", "cluster", "history", "reload")
                .whereLayer("change")
                .mayOnlyBeAccessedByLayers("store", "write", "cluster", "history", "reload")
                .whereLayer("cohort")
                .mayOnlyBeAccessedByLayers("change", "store", "write", "cluster", "history", "reload")
                .whereLayer("tool")
                .mayOnlyBeAccessedByLayers("cohort", "change", "store", "write", "cluster", "history", "reload")
                .whereLayer("base")
                .mayOnlyBeAccessedByLayers("tool", "cohort", "change", "store", "write", "cluster", "history", "reload")
                .check(CORE);
    }
}
