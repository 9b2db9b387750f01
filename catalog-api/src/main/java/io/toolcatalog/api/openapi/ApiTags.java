package io.toolcatalog.api.openapi;

/** The OpenAPI tags, one per feature, so every controller names them the same way. */
public final class ApiTags {

    public static final String TOOLS = "Tools";
    public static final String VERSIONS = "Versions";
    public static final String TRANSFER = "Import/Export";
    public static final String PROFILES = "Profiles";
    public static final String RELOAD = "Reload";
    public static final String HISTORY = "History";
    public static final String CLUSTER = "Cluster";
    public static final String WATCH = "Watch";
    public static final String AUTH = "Auth";
    public static final String SCHEMAS = "Schemas";
    public static final String CHANGE_REQUESTS = "Change requests";
    public static final String ROLLOUTS = "Rollouts";

    private ApiTags() {}
}
