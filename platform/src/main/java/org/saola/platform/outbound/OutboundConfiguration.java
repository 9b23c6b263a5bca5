package org.saola.platform.outbound;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundPolicy.Properties.class)
class OutboundConfiguration {

    @Bean
    OutboundPolicy outboundPolicy(OutboundPolicy.Properties properties, OutboundAllowLists allowLists,
            org.springframework.beans.factory.ObjectProvider<OutboundPolicy.Resolver> resolver) {
        return new OutboundPolicy(properties, allowLists, resolver.getIfAvailable(() -> java.net.InetAddress::getAllByName));
    }
}
