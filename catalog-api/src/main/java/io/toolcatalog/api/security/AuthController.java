package io.toolcatalog.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.openapi.ApiTags;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/me}: who the bearer token is and what its role lets it do, so a client (the
 * console) learns its role by asking rather than by provoking refusals. Needs a valid token even
 * where reads are open: without one there is nobody to describe.
 */
@RestController
@Tag(name = ApiTags.AUTH)
class AuthController {

    /**
     * The caller as the token names it: {@code name} is what history records for its writes;
     * {@code principal} repeats it for clients written before names had that word.
     */
    record Me(String name, Role role, String principal) {}

    @GetMapping("/api/v1/auth/me")
    @Requires(Role.READER)
    @Operation(
            summary = "Who am I",
            description = "The name and role of the bearer token (a role token, a named token or a JWT);"
                    + " 401 without a valid token, 403 for a JWT that names no known role.")
    @ApiResponse(responseCode = "200", description = "The principal's name and role")
    @ApiResponse(responseCode = "401", description = "No token, or not a valid one")
    @ApiResponse(responseCode = "403", description = "A valid JWT that names no known role")
    Me me(Caller caller) {
        return new Me(caller.principal(), caller.role(), caller.principal());
    }
}
