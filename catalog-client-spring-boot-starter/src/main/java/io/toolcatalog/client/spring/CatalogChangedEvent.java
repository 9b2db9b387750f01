package io.toolcatalog.client.spring;

import io.toolcatalog.client.CatalogChanged;
import io.toolcatalog.client.CatalogClient;
import org.springframework.context.ApplicationEvent;

/**
 * One change the application's {@link CatalogClient} applied, published to the application
 * context: the first state too (as a change from revision 0 with {@code reset} set), then every
 * change once, in revision order, on the client's listener thread.
 */
public class CatalogChangedEvent extends ApplicationEvent {

    private final transient CatalogChanged change;

    /**
     * An event for {@code change}.
     *
     * @param client the client that applied the change
     * @param change the change
     */
    public CatalogChangedEvent(CatalogClient client, CatalogChanged change) {
        super(client);
        this.change = change;
    }

    /**
     * The change: the revisions it goes from and to, the tools changed and the names removed.
     *
     * @return the change
     */
    public CatalogChanged change() {
        return change;
    }

    /**
     * The client that applied the change.
     *
     * @return the client
     */
    public CatalogClient client() {
        return (CatalogClient) getSource();
    }
}
