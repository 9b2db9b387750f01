package io.toolcatalog.api.profile;

import io.toolcatalog.core.tool.Profile;
import java.util.Map;

/** Every enabled tool's profiles by tool name, then by profile name. */
record ProfilesResponse(long revision, Map<String, Map<String, Profile>> tools) {}
