package org.saola.platform.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.saola.platform.TenantId;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for calls Saola makes to the outside world on a tenant's behalf. Every connection's
 * addresses come from {@link OutboundPolicy#resolve}, so what is connected to is what was checked; no
 * redirects are followed; connections are reused only for the same tenant (one tenant's allow-list never
 * serves another); answers are read up to {@code saola.outbound.max-response}. Credentials written in the
 * URL ({@code https://user:secret@host/}) are sent as HTTP Basic, not in the request line.
 */
@Component
public class OutboundHttp implements AutoCloseable {

    /** An answer; {@code body} holds at most the configured maximum ({@code truncated} says if there was more). */
    public record Response(int status, byte[] body, boolean truncated) {
    }

    private static final ThreadLocal<Optional<TenantId>> TENANT = ThreadLocal.withInitial(Optional::empty);

    private final OutboundPolicy policy;
    private final CloseableHttpClient client;
    private final long maxResponse;

    public OutboundHttp(OutboundPolicy policy) {
        this.policy = policy;
        this.maxResponse = policy.properties().maxResponse().toBytes();
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.resolve(TENANT.get(), host).toArray(new InetAddress[0]);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout connect = Timeout.of(policy.properties().connectTimeout());
        Timeout response = Timeout.of(policy.properties().responseTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(response)
                                // A pooled connection is re-established (and its address checked again) after a
                                // minute, so a network taken off an allow-list stops being reachable.
                                .setTimeToLive(org.apache.hc.core5.util.TimeValue.ofMinutes(1)).build())
                        .setMaxConnTotal(200).setMaxConnPerRoute(20).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(response).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .evictExpiredConnections().evictIdleConnections(org.apache.hc.core5.util.TimeValue.ofMinutes(1))
                .setUserAgent("Saola").build();
    }

    /** GET, for the tenant (empty: on behalf of no tenant in particular, only the installation's allow-list). */
    public Response get(Optional<TenantId> tenant, URI uri, Map<String, String> headers) throws IOException {
        return send(tenant, "GET", uri, headers, null, null);
    }

    public Response post(Optional<TenantId> tenant, URI uri, Map<String, String> headers, byte[] body,
            String contentType) throws IOException {
        return send(tenant, "POST", uri, headers, body, contentType);
    }

    /** Any method (PATCH, DELETE, …), with a body or none (null). */
    public Response send(Optional<TenantId> tenant, String method, URI uri, Map<String, String> headers, byte[] body,
            String contentType) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new OutboundRefusedException("endpoint", uri + " is not an http(s) URL with a host");
        }
        HttpUriRequestBase request = new HttpUriRequestBase(method, withoutUserInfo(uri));
        if (uri.getRawUserInfo() != null) {
            request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        }
        HttpClientContext context = HttpClientContext.create();
        context.setUserToken(tenant.map(TenantId::value).orElse(""));
        Optional<TenantId> before = TENANT.get();
        TENANT.set(tenant);
        try {
            return client.execute(request, context, r -> {
                byte[] read = new byte[0];
                boolean truncated = false;
                if (r.getEntity() != null) {
                    try (InputStream in = r.getEntity().getContent()) {
                        read = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponse + 1));
                        truncated = read.length > maxResponse;
                        if (truncated) {
                            read = java.util.Arrays.copyOf(read, (int) maxResponse);
                        }
                    }
                }
                return new Response(r.getCode(), read, truncated);
            });
        } finally {
            TENANT.set(before);
        }
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new OutboundRefusedException("endpoint", "the URL " + redacted(uri) + " is not valid");
        }
    }

    /** The URL as it may be shown or logged: any credentials in it replaced. */
    public static String redacted(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
