package io.toolcatalog.api.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code GET /profiles} and its rendered view. */
@Configuration(proxyBeanMethods = false)
@Import(ProfilesController.class)
public class ProfilesConfiguration {

    @Bean
    ProfilesView profilesView(ObjectMapper json) {
        return new ProfilesView(json);
    }
}
