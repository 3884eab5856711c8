package dev.notify.spring.rooms;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** A chat-rooms application for the starter's tests: consumers, a controller that sends to groups. */
@SpringBootApplication
public class RoomsApplication {

    /** Spring Security is on the test class path; this application is open. */
    @Bean
    SecurityFilterChain open(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).csrf(csrf -> csrf.disable()).build();
    }
}
