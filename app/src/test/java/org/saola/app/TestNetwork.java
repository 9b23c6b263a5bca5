package org.saola.app;

import java.net.InetAddress;
import org.saola.platform.outbound.OutboundPolicy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Name resolution for the end-to-end tests: the system's, plus names of the city's internal network that a
 * test needs (there is no DNS server to ask here): {@code intranet.saola.test} is at 10.20.30.40.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestNetwork {

    @Bean
    OutboundPolicy.Resolver testResolver() {
        return host -> host.equalsIgnoreCase("intranet.saola.test")
                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 20, 30, 40})}
                : InetAddress.getAllByName(host);
    }
}
