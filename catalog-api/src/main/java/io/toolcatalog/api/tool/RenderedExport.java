package io.toolcatalog.api.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.api.view.ViewRenderings;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ConsumerView;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The export, rendered once per revision, consumer view and format and then served as ready
 * bytes: an anonymous caller asking for the whole catalog again and again costs a lookup, not a
 * serialisation of every tool. Concurrent first requests for a new revision wait for one render
 * instead of each doing their own. {@code exported_at} is when that revision was first rendered.
 */
final class RenderedExport {

    /** Views of one revision kept at once, per format. */
    private static final int MAX_VIEWS = 16;

    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final ViewRenderings<byte[]> jsonRenderings = new ViewRenderings<>(MAX_VIEWS);
    private final ViewRenderings<byte[]> yamlRenderings = new ViewRenderings<>(MAX_VIEWS);
    private final Clock clock;
    private final AtomicLong renders = new AtomicLong();

    RenderedExport(ObjectMapper json, ObjectMapper yaml, Clock clock) {
        this.json = json;
        this.yaml = yaml;
        this.clock = clock;
    }

    byte[] render(ConsumerView view, boolean asYaml) {
        ObjectMapper mapper = asYaml ? yaml : json;
        return (asYaml ? yamlRenderings : jsonRenderings).get(view, v -> write(mapper, v.snapshot()));
    }

    /** Renders done since start, for tests and curiosity. */
    long renders() {
        return renders.get();
    }

    private byte[] write(ObjectMapper mapper, CatalogSnapshot snapshot) {
        renders.incrementAndGet();
        ExportResponse export = new ExportResponse(
                snapshot.revision(),
                clock.instant(),
                snapshot.tools().stream().map(ToolResponse::from).toList());
        try {
            return mapper.writeValueAsBytes(export);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the export of revision " + snapshot.revision() + " cannot be written", e);
        }
    }
}
