package io.toolcatalog.api.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.tool.ToolDraft;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;

/**
 * Reads an import body (the export's shape, JSON or YAML) into drafts, refusing what an import
 * refuses: used by the import and by a change request opened from a file.
 */
public final class ImportBodies {

    private final ObjectMapper json;
    private final YamlMapper yaml;

    ImportBodies(ObjectMapper json, YamlMapper yaml) {
        this.json = json;
        this.yaml = yaml;
    }

    public List<ToolDraft> drafts(byte[] body, MediaType contentType) throws IOException {
        ImportRequest request = body.length == 0
                ? null
                : YamlMapper.isYaml(contentType)
                        ? yaml.read(body, ImportRequest.class)
                        : json.readValue(body, ImportRequest.class);
        if (request == null || request.tools() == null) {
            throw ApiProblem.badRequest("tools", "is required");
        }
        ServerOwnedFields.checkExport(request);
        List<ToolDraft> drafts = new ArrayList<>(request.tools().size());
        for (int i = 0; i < request.tools().size(); i++) {
            ToolBody tool = request.tools().get(i);
            if (tool == null) {
                throw ApiProblem.badRequest("tools[" + i + "]", "is null");
            }
            ServerOwnedFields.checkImported(tool, "tools[" + i + "]");
            drafts.add(tool.toImported());
        }
        return drafts;
    }
}
