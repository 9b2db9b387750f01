package io.toolcatalog.node.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.toolcatalog.testsupport.PackageRules.mainClassesOf;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.toolcatalog.core.history.HistoryStore;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import org.junit.jupiter.api.Test;

/** The module rule (docs/ARCHITECTURE.md, Modules): node → api → core; core has no Spring Web or Redis, api no Redis or SQL. */
class ModuleRulesTest {

    private static final JavaClasses CLASSES = mainClassesOf("io.toolcatalog");

    @Test
    void coreDependsOnNeitherApiNorNode() {
        noClasses()
                .that()
                .resideInAPackage("io.toolcatalog.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.toolcatalog.api..", "io.toolcatalog.node..")
                .check(CLASSES);
    }

    @Test
    void coreHoldsNoSpringWebAndNoRedis() {
        noClasses()
                .that()
                .resideInAPackage("io.toolcatalog.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "jakarta.servlet..",
                        "org.springframework.data.redis..",
                        "io.lettuce..",
                        "redis..")
                .check(CLASSES);
    }

    @Test
    void apiDependsNotOnNode() {
        noClasses()
                .that()
                .resideInAPackage("io.toolcatalog.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.toolcatalog.node..")
                .check(CLASSES);
    }

    @Test
    void apiHoldsNoRedisAndNoSql() {
        noClasses()
                .that()
                .resideInAPackage("io.toolcatalog.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.data.redis..",
                        "io.lettuce..",
                        "org.springframework.jdbc..",
                        "java.sql..",
                        "javax.sql..")
                .check(CLASSES);
    }

    @Test
    void apiReadsTheAppliedCatalogThroughItsReadOnlyView() {
        noClasses()
                .that()
                .resideInAPackage("io.toolcatalog.api..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.toolcatalog.core.reload.CatalogReloader")
                .check(CLASSES);
    }

    @Test
    void apiCallsServicesNeverStores() {
        noClasses()
                .that()
                .resideInAPackage("io.toolcatalog.api..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(
                        ToolStore.class,
                        ToolVersionStore.class,
                        ChangeLog.class,
                        CatalogReads.class,
                        HistoryStore.class)
                .check(CLASSES);
    }
}
