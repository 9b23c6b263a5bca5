package org.saola.web.security;

import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.StaffAccounts;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RateLimits;
import org.saola.platform.security.StaffUserDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may reach what. Public routes are listed here explicitly; everything else needs a signed-in member of
 * staff (pages) or an API key / staff credentials (machine APIs).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * No observation per security filter: wrapping each filter of each request in an observation cost about
     * a quarter of the API's CPU (profiled with JFR under the update benchmark). HTTP request metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Routes where Spring Security looks at no credential: the public APIs (the residents' and the open-data
     * ones: {@code /public/**}, hosted @contexts, and Open311, CKAN and CAP as they arrive) and the devices' HTTP
     * ingestion, whose handler checks the device's own credentials ({@code @DeviceRoute}), so a device's HTTP
     * Basic is never taken for a staff sign-in. No session, no CSRF (token APIs), no saved request, logout or
     * servlet-API wrapper. Only routes that declare {@code @PublicRoute} or {@code @DeviceRoute} answer here;
     * {@link RouteRules} refuses the others.
     */
    @Bean
    @Order(0)
    SecurityFilterChain credentialFreeSecurity(HttpSecurity http) throws Exception {
        http.securityMatchers(m -> m.requestMatchers(java.util.stream.Stream.concat(java.util.Arrays.stream(PUBLIC_API_PATHS),
                                java.util.Arrays.stream(DEVICE_API_PATHS)).toArray(String[]::new))
                        // Hosted @contexts are read by anyone; they are added and deleted with credentials (the API chain).
                        .requestMatchers(org.springframework.http.HttpMethod.GET, HOSTED_CONTEXTS)
                        .requestMatchers(org.springframework.http.HttpMethod.HEAD, HOSTED_CONTEXTS))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .logout(l -> l.disable())
                .servletApi(s -> s.disable())
                // Public data may be shown in this site's own pages (a published PDF in the portal's viewer), never in another's.
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .exceptionHandling(e -> e.authenticationEntryPoint(new ProblemAuthenticationEntryPoint())
                        .accessDeniedHandler(new ProblemAccessDeniedHandler()))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /** The devices' HTTP ingestion, in the credential-free chain. */
    public static final String[] DEVICE_API_PATHS = {"/api/v1/telemetry", "/api/v1/telemetry/**",
            // FIWARE devices' measures (UltraLight, IoT Agent JSON), with their group's API key as the credential
            "/iot/d", "/iot/json", "/iot/json/commands"};

    /** The public APIs, in the credential-free chain. */
    /** Where hosted and inline @contexts are served: open to reads only. */
    public static final String HOSTED_CONTEXTS = "/ngsi-ld/v1/jsonldContexts/*";

    public static final String[] PUBLIC_API_PATHS = {"/public/**", "/open311/**",
            // CKAN's action API, at both the paths CKAN answers (ckanapi calls /api/action/), and DCAT-AP
            "/api/3", "/api/3/**", "/api/action/**", "/catalog.*", "/dataset/*"};

    /**
     * Machine APIs (NGSI-LD, Saola's API, FIWARE IoT Agent provisioning under {@code /iot}): stateless, API key
     * ({@code Authorization: Bearer}, {@code X-API-Key} or FIWARE's {@code X-Auth-Token}) or HTTP Basic with staff credentials.
     * Which role may call which route is each route's own rule ({@link RouteRules}); here only who the caller
     * is, and the actuator endpoints, which are not controllers.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys apiKeys, RateLimits limits) throws Exception {
        http.securityMatcher("/ngsi-ld/**", "/api/**", "/actuator/**", "/iot/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Nothing a machine client uses, each a filter (and a request wrapper) on every call: no saved
                // request to resume after a sign-in page, no logout URL, no servlet-API principal (callers are
                // read from the security context, CurrentCaller).
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .servletApi(s -> s.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), BasicAuthenticationFilter.class)
                .addFilterBefore(new SignInThrottle(limits, true), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(new ProblemAuthenticationEntryPoint())
                        .accessDeniedHandler(new ProblemAccessDeniedHandler()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAuthority(Permission.METRICS_READ.authority())
                        .requestMatchers("/actuator/**").hasAuthority(Permission.DIRECTORY_READ.authority())
                        .anyRequest().authenticated());
        return http.build();
    }

    /** Pages: form login with a session; the home page, login and static assets are public. */
    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http, RateLimits limits) throws Exception {
        http.addFilterBefore(new SignInThrottle(limits, false), UsernamePasswordAuthenticationFilter.class)
                // A staff sign-in starts a fresh session: nothing (a resident's 30-day lifetime) carries over.
                .sessionManagement(s -> s.sessionFixation(f -> f.newSession()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**",
                                "/favicon.ico").permitAll()
                        // The residents' portal and the city's public pages: each route's own rule (@PublicRoute or @ResidentRoute) decides.
                        .requestMatchers("/residents/**", "/demo/**", "/city/**").permitAll()
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
                .map(a -> new StaffUserDetails(a.principal(), a.passwordHash(), a.displayName(), a.enabled()))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
