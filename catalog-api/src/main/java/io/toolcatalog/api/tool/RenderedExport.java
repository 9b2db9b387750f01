package io.toolcatalog.api.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The export, rendered once per revision and format and then served as ready bytes: an anonymous
 * caller asking for the whole catalog again and again costs a lookup, not a serialisation of
 * every tool. Concurrent first requests for a new revision wait for one render instead of each
 * doing their own. {@code exported_at} is when that revision was first rendered.
 */
final class RenderedExport {

    private final Format json;
    private final Format yaml;
    private final Clock clock;
    private final AtomicLong renders = new AtomicLong();

    RenderedExport(ObjectMapper json, ObjectMapper yaml, Clock clock) {
        this.json = new Format(json);
        this.yaml = new Format(yaml);
        this.clock = clock;
    }

    byte[] render(CatalogSnapshot snapshot, boolean asYaml) {
        Format format = asYaml ? yaml : json;
        ExportBytes last = format.last;
        if (last != null && last.revision() == snapshot.revision()) {
            return last.bytes();
        }
        synchronized (format) {
            last = format.last;
            if (last != null && last.revision() == snapshot.revision()) {
                return last.bytes();
            }
            byte[] bytes = write(format.mapper, snapshot);
            renders.incrementAndGet();
            if (last == null || last.revision() < snapshot.revision()) {
                format.last = new ExportBytes(snapshot.revision(), bytes);
            }
            return bytes;
        }
    }

    /** Renders done since start, for tests and curiosity. */
    long renders() {
        return renders.get();
    }

    private byte[] write(ObjectMapper mapper, CatalogSnapshot snapshot) {
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

    private static final class Format {

        private final ObjectMapper mapper;
        private volatile ExportBytes last;

        private Format(ObjectMapper mapper) {
            this.mapper = mapper;
        }
    }

    private record ExportBytes(long revision, byte[] bytes) {}
}
