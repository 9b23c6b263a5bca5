package org.saola.web.security;

import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.StaffAccounts;
import org.saola.platform.security.StaffRole;
import org.saola.platform.security.StaffUserDetails;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may reach what. Public routes are listed here explicitly; everything else needs a signed-in member of
 * staff (pages) or an API key / staff credentials (machine APIs).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Machine APIs: stateless, API key ({@code Authorization: Bearer}) or HTTP Basic with staff credentials. */
    /**
     * No observation per security filter: wrapping each filter of each request in an observation cost about
     * a quarter of the API's CPU (profiled with JFR under the update benchmark). HTTP request metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys apiKeys) throws Exception {
        http.securityMatcher("/ngsi-ld/**", "/api/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(new ProblemAuthenticationEntryPoint())
                        .accessDeniedHandler(new ProblemAccessDeniedHandler()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/ngsi-ld/v1/jsonldContexts/*").permitAll()
                        .requestMatchers("/api/v1/staff/**", "/api/v1/api-keys/**").hasRole(StaffRole.ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/context/settings").hasRole(StaffRole.ADMIN.name())
                        .anyRequest().authenticated());
        return http.build();
    }

    /** Pages: form login with a session; the home page, login and static assets are public. */
    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**",
                                "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/operations/map", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signedOut"))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        request -> "true".equals(request.getHeader("HX-Request"))));
        return http.build();
    }

    @Bean
    UserDetailsService staffUserDetails(StaffAccounts accounts) {
        return username -> accounts.findByUsername(username)
                .map(a -> new StaffUserDetails(new SaolaPrincipal(a.tenant(), a.username(), a.role()),
                        a.passwordHash(), a.displayName()))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
