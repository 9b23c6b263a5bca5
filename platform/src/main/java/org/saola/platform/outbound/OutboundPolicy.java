package org.saola.platform.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Which addresses Saola may call on a tenant's behalf (notifications, webhooks, remote @contexts, SMS and
 * mail gateways). Loopback, private, link-local (cloud metadata at 169.254.169.254 among them), CGNAT,
 * unique-local, multicast and unspecified addresses are refused unless the installation's
 * {@code saola.outbound.allowed-networks} or the tenant's own allow-list names them. A name is refused when
 * any address it resolves to is refused, and {@link OutboundHttp} connects to exactly the addresses
 * checked, so a second, different DNS answer cannot slip through (DNS rebinding).
 */
public class OutboundPolicy {

    /**
     * @param allowedNetworks networks every tenant may call although they are internal (e.g. the city's own
     *     integration server)
     * @param connectTimeout longest wait for a connection
     * @param responseTimeout longest wait for an answer
     * @param maxResponse largest answer read
     */
    @ConfigurationProperties("saola.outbound")
    public record Properties(@DefaultValue List<String> allowedNetworks, @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration responseTimeout, @DefaultValue("1MB") DataSize maxResponse) {
        public Properties {
            for (String n : allowedNetworks) {
                try {
                    Cidr.parse("saola.outbound.allowed-networks", n);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("saola.outbound.allowed-networks: " + e.getMessage());
                }
            }
            if (connectTimeout.isZero() || connectTimeout.isNegative() || responseTimeout.isZero()
                    || responseTimeout.isNegative()) {
                throw new IllegalArgumentException("saola.outbound.connect-timeout and response-timeout must be positive");
            }
        }
    }

    private static final List<Cidr> INTERNAL = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3",
            "::/96", "::1/128", "::ffff:0:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "fc00::/7",
            "fe80::/10", "ff00::/8").stream().map(c -> Cidr.parse("internal", c)).toList();

    /** The internal networks each tenant's administrator allow-listed ({@link OutboundAllowLists}). */
    @FunctionalInterface
    public interface TenantAllowLists {
        List<Cidr> of(TenantId tenant);
    }

    /** How host names become addresses; the system's resolver, or a test's. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final TenantAllowLists tenants;
    private final Properties properties;
    private final List<Cidr> allowed;
    /** Saola's own services a tenant may always reach (the embedded MQTT broker): scheme://host:port. */
    private final java.util.Set<String> own = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public OutboundPolicy(Properties properties, TenantAllowLists tenants, Resolver resolver) {
        this.resolver = resolver;
        this.tenants = tenants;
        this.properties = properties;
        this.allowed = properties.allowedNetworks().stream().map(n -> Cidr.parse("saola.outbound.allowed-networks", n)).toList();
    }

    /** Registers one of Saola's own endpoints on this machine (e.g. {@code mqtt}, the broker's port). */
    public void trustOwnEndpoint(String scheme, int port) {
        own.add(scheme + ":" + port);
    }

    public Properties properties() {
        return properties;
    }

    /** Whether this address is one Saola calls for the tenant (empty: for no tenant in particular). */
    public boolean permitted(Optional<TenantId> tenant, InetAddress address) {
        InetAddress a = unmapped(address);
        if (INTERNAL.stream().noneMatch(c -> c.contains(a))) {
            return true;
        }
        if (allowed.stream().anyMatch(c -> c.contains(a))) {
            return true;
        }
        return tenant.map(t -> tenants.of(t).stream().anyMatch(c -> c.contains(a))).orElse(false);
    }

    /** Resolves the host once and answers its addresses, all permitted, or refuses naming the first that is not. */
    public List<InetAddress> resolve(Optional<TenantId> tenant, String host) throws UnknownHostException {
        InetAddress[] all = resolver.resolve(host);
        for (InetAddress a : all) {
            if (!permitted(tenant, a)) {
                throw new OutboundRefusedException("endpoint", "'" + host + "' is " + (host.equals(a.getHostAddress())
                        ? "" : "at " + a.getHostAddress() + ", ") + "an internal address (loopback, private, link-local"
                        + " or similar) that Saola does not call unless an administrator allow-lists it");
            }
        }
        return List.of(all);
    }

    /**
     * Checks an endpoint when it is given (a subscription, a webhook): refused if its host resolves to an
     * address the policy does not allow. A host that does not resolve now is accepted; it is checked again
     * at every call.
     */
    public void check(TenantId tenant, String field, URI endpoint) {
        if (endpoint.getHost() == null) {
            throw new OutboundRefusedException(field, field + " has no host");
        }
        if (ownEndpoint(endpoint)) {
            return;
        }
        try {
            resolve(Optional.of(tenant), endpoint.getHost());
        } catch (OutboundRefusedException e) {
            throw new OutboundRefusedException(field, field + ": " + e.getMessage());
        } catch (UnknownHostException e) {
            // accepted: checked at each call
        }
    }

    /** Whether the URI names one of Saola's own services on this machine, which every tenant may use. */
    public boolean ownEndpoint(URI endpoint) {
        try {
            return endpoint.getScheme() != null && endpoint.getHost() != null
                    && own.contains(endpoint.getScheme() + ":" + endpoint.getPort())
                    && java.util.Arrays.stream(resolver.resolve(endpoint.getHost())).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
    private static InetAddress unmapped(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return a;
    }
}
