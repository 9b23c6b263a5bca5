package org.saola.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;

/** Which addresses Saola calls on a tenant's behalf, as plain Java. */
class OutboundPolicyTest {

    private static final TenantId HUE = TenantId.of("hue");
    private static final Map<String, List<String>> DNS = Map.of(
            "intranet.saola.test", List.of("10.20.30.40"),
            "split.saola.test", List.of("93.184.216.34", "192.168.1.10"),
            "public.saola.test", List.of("93.184.216.34"));

    private final OutboundPolicy policy = new OutboundPolicy(
            new OutboundPolicy.Properties(List.of("10.99.0.0/16"), java.time.Duration.ofSeconds(5),
                    java.time.Duration.ofSeconds(10), org.springframework.util.unit.DataSize.ofMegabytes(1)),
            tenant -> tenant.equals(HUE) ? List.of(Cidr.parse("n", "10.20.30.0/24")) : List.of(),
            host -> {
                List<String> a = DNS.get(host);
                if (a == null) {
                    return InetAddress.getAllByName(host);      // literals only: no DNS look-up
                }
                InetAddress[] out = new InetAddress[a.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = InetAddress.getByName(a.get(i));
                }
                return out;
            });

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void internalAddressesAreRefusedAndPublicOnesAllowed() throws Exception {
        for (String internal : List.of("127.0.0.1", "127.0.0.2", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "224.0.0.1",
                "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1", "2002:a9fe:a9fe::1", "::a9fe:a9fe")) {
            assertThat(policy.permitted(Optional.empty(), ip(internal))).as(internal).isFalse();
        }
        for (String external : List.of("93.184.216.34", "8.8.8.8", "2001:4860:4860::8888", "172.32.0.1", "100.128.0.1")) {
            assertThat(policy.permitted(Optional.empty(), ip(external))).as(external).isTrue();
        }
    }

    @Test
    void theInstallationAndEachTenantAllowListOpenTheirOwnNetworksOnly() throws Exception {
        assertThat(policy.permitted(Optional.empty(), ip("10.99.1.1"))).as("installation allow-list").isTrue();
        assertThat(policy.permitted(Optional.of(HUE), ip("10.20.30.40"))).as("hue's allow-list").isTrue();
        assertThat(policy.permitted(Optional.of(TenantId.of("da-nang")), ip("10.20.30.40"))).as("not da-nang's").isFalse();
        assertThat(policy.permitted(Optional.empty(), ip("10.20.30.40"))).as("no tenant").isFalse();
    }

    @Test
    void aNameIsRefusedWhenAnyAddressItResolvesToIsInternal() throws Exception {
        assertThatThrownBy(() -> policy.resolve(Optional.empty(), "intranet.saola.test"))
                .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("10.20.30.40");
        assertThatThrownBy(() -> policy.resolve(Optional.of(HUE), "split.saola.test"))
                .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("192.168.1.10");
        assertThat(policy.resolve(Optional.of(HUE), "intranet.saola.test")).extracting(InetAddress::getHostAddress)
                .containsExactly("10.20.30.40");
        assertThat(policy.resolve(Optional.empty(), "public.saola.test")).hasSize(1);
    }

    @Test
    void endpointsAreCheckedWhenGivenAndUnknownHostsLeftForLater() {
        assertThatThrownBy(() -> policy.check(TenantId.of("da-nang"), "endpoint", URI.create("http://169.254.169.254/latest/meta-data")))
                .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("endpoint");
        policy.check(TenantId.of("da-nang"), "endpoint", URI.create("https://public.saola.test/hook"));
        policy.check(TenantId.of("da-nang"), "endpoint", URI.create("https://no-such-host.invalid/hook"));
    }

    @Test
    void saolasOwnBrokerOnThisMachineIsReachableOnItsPortOnly() {
        policy.trustOwnEndpoint("mqtt", 1883);
        policy.check(TenantId.of("da-nang"), "endpoint", URI.create("mqtt://127.0.0.1:1883/saola/da-nang/notifications/x"));
        assertThatThrownBy(() -> policy.check(TenantId.of("da-nang"), "endpoint", URI.create("mqtt://127.0.0.1:1884/x")))
                .isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> policy.check(TenantId.of("da-nang"), "endpoint", URI.create("http://127.0.0.1:1883/x")))
                .isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void credentialsInAUrlAreNeverShown() {
        assertThat(OutboundHttp.redacted(URI.create("https://user:s3cret@hooks.example/x"))).isEqualTo("https://***@hooks.example/x");
        assertThat(OutboundHttp.redacted(URI.create("https://hooks.example/x"))).isEqualTo("https://hooks.example/x");
    }
}
