package io.toolcatalog.node.catalog;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.node.testing.CatalogTestInitializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * One node (a Spring context with no web server, on its own schema and Redis prefix) and what the
 * storage tests write and read it through. A test that needs the web server or other settings
 * declares its own {@code @SpringBootTest}.
 */
@SpringBootTest(classes = CatalogNodeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = CatalogTestInitializer.class)
abstract class CatalogNodeContext {

    static final Actor ALICE = new Actor("editor", "alice", null);

    @Autowired
    CatalogEditor editor;

    @Autowired
    CatalogReloader reloader;

    @Autowired
    CatalogReads reads;

    @Autowired
    JdbcTemplate jdbc;
}
