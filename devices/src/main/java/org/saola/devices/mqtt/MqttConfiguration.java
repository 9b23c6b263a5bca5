package org.saola.devices.mqtt;

import java.net.URI;
import org.saola.devices.MqttEndpoint;
import org.saola.devices.domain.DeviceRegistryService;
import org.saola.devices.domain.IngestionMetrics;
import org.saola.devices.domain.ReadingIngestion;
import org.saola.platform.security.ApiKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MqttProperties.class)
public class MqttConfiguration {

    @Bean
    @ConditionalOnProperty(name = "saola.mqtt.mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedBroker embeddedBroker(MqttProperties properties, DeviceRegistryService registry,
            ReadingIngestion ingestion, IngestionMetrics metrics, ApiKeys apiKeys,
            org.saola.platform.outbound.OutboundPolicy outbound, org.saola.platform.security.RateLimits limits,
            org.saola.devices.domain.CommandService commands, EmbeddedCommandChannel commandChannel,
            org.saola.devices.fiware.IotAgentMqtt fiware) {
        return new EmbeddedBroker(properties, new SaolaBrokerExtension(registry, ingestion, metrics, properties, apiKeys,
                limits, commands, commandChannel, fiware),
                outbound);
    }

    @Bean
    @ConditionalOnProperty(name = "saola.mqtt.mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedCommandChannel embeddedCommandChannel() {
        return new EmbeddedCommandChannel();
    }

    @Bean
    @ConditionalOnProperty(name = "saola.mqtt.mode", havingValue = "external")
    MqttEndpoint externalEndpoint(MqttProperties properties) {
        URI url = URI.create(properties.externalUrl());
        int port = url.getPort() > 0 ? url.getPort() : 1883;
        return new MqttEndpoint() {
            @Override
            public String host() {
                return url.getHost();
            }

            @Override
            public int port() {
                return port;
            }
        };
    }

    @Bean
    @ConditionalOnProperty(name = "saola.mqtt.mode", havingValue = "external")
    ExternalBrokerIngestion externalBrokerIngestion(MqttProperties properties, ReadingIngestion ingestion,
            org.saola.devices.fiware.IotAgentMqtt fiware,
            org.springframework.beans.factory.ObjectProvider<org.saola.devices.domain.CommandService> commands) {
        return new ExternalBrokerIngestion(properties, ingestion, fiware, commands);
    }

    /**
     * A mode that is neither: reading the properties refuses it, naming {@code saola.mqtt.mode}, instead of
     * start-up failing later for want of a broker.
     */
    @Bean
    @ConditionalOnExpression("!'${saola.mqtt.mode:embedded}'.equals('embedded') && !'${saola.mqtt.mode:embedded}'.equals('external')")
    MqttEndpoint unknownMode(MqttProperties properties) {
        throw new IllegalStateException("saola.mqtt.mode must be 'embedded' or 'external'; got '" + properties.mode() + "'");
    }
}
