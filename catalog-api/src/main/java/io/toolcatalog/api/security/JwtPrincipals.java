package io.toolcatalog.api.security;

import io.toolcatalog.api.error.ApiProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * JWT bearer tokens from an identity provider: Spring Security's {@link NimbusJwtDecoder} checks
 * the signature against the provider's JWK set, the expiry, the issuer and the audience; this class
 * only maps a valid token to a {@link Caller}. Name: {@code preferred_username}, else {@code sub}.
 * Role: the claim {@code catalog.security.jwt.role-claim}, a string or a list of strings, the
 * highest known role among them. A token that fails a check is a 401; a valid token that names no
 * known role is a 403 (it is someone, who may do nothing here); keys that cannot be fetched are a 503.
 */
final class JwtPrincipals {

    private static final Logger log = LoggerFactory.getLogger(JwtPrincipals.class);

    private final JwtDecoder decoder;
    private final String roleClaim;

    JwtPrincipals(JwtDecoder decoder, String roleClaim) {
        this.decoder = decoder;
        this.roleClaim = roleClaim;
    }

    /** The JWT principals Spring's resource-server properties describe; empty when neither URI is set. */
    static Optional<JwtPrincipals> from(OAuth2ResourceServerProperties.Jwt jwt, SecurityProperties.Jwt settings) {
        String issuer = blankToNull(jwt.getIssuerUri());
        String jwkSetUri = blankToNull(jwt.getJwkSetUri());
        if (issuer == null && jwkSetUri == null) {
            return Optional.empty();
        }
        OAuth2TokenValidator<Jwt> validator = validator(issuer, jwt.getAudiences());
        JwtDecoder decoder;
        if (jwkSetUri != null) {
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                    .jwsAlgorithms(algorithms -> jwt.getJwsAlgorithms().stream()
                            .map(SignatureAlgorithm::from)
                            .forEach(algorithms::add))
                    .build();
            nimbus.setJwtValidator(validator);
            decoder = nimbus;
        } else {
            // discovery on first use, so a node starts while the identity provider is away
            decoder = new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder nimbus = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuer);
                nimbus.setJwtValidator(validator);
                return nimbus;
            });
        }
        log.info(
                "JWT bearer tokens accepted: issuer {}, JWK set {}, audiences {}, role claim '{}'",
                issuer,
                jwkSetUri == null ? "(discovered)" : jwkSetUri,
                jwt.getAudiences(),
                settings.roleClaim());
        return Optional.of(new JwtPrincipals(decoder, settings.roleClaim()));
    }

    /** A JWS in compact form: three base64url parts, the header a JSON object. */
    static boolean looksLikeJwt(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    /** The caller {@code token} stands for; throws the 401, 403 or 503 it deserves. */
    Caller authenticate(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (BadJwtException e) {
            log.debug("JWT refused: {}", e.getMessage());
            throw ApiProblem.unauthorized("The bearer token is not a valid JWT: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("JWT could not be checked: {}", e.toString());
            throw ApiProblem.serviceUnavailable("The identity provider's keys cannot be read right now", 1);
        }
        String name = jwt.getClaimAsString("preferred_username");
        if (name == null || name.isBlank()) {
            name = jwt.getSubject();
        }
        if (name == null || name.isBlank()) {
            throw ApiProblem.unauthorized("The JWT names nobody: it has neither preferred_username nor sub");
        }
        String principal = name;
        Role role = highestRole(jwt.getClaim(roleClaim))
                .orElseThrow(() -> ApiProblem.forbidden("The JWT of '" + principal + "' names no known role in claim '"
                        + roleClaim + "' (reader, editor, approver, admin)"));
        return new Caller(principal, role);
    }

    /**
     * The highest known role among a claim's values: a list of strings, or one string (which may
     * hold several, separated by spaces or commas, as a {@code scope} does).
     */
    static Optional<Role> highestRole(Object claim) {
        Collection<?> values = claim instanceof Collection<?> many ? many : claim == null ? List.of() : List.of(claim);
        return values.stream()
                .flatMap(v -> Arrays.stream(String.valueOf(v).split("[\\s,]+")))
                .map(Role::named)
                .flatMap(Optional::stream)
                .max(Role::compareTo);
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(issuer == null ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer));
        if (audiences != null && !audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
