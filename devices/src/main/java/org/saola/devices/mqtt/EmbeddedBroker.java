package org.saola.devices.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.saola.devices.MqttEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The embedded HiveMQ CE broker. Devices connect to it with their own credentials; the Saola extension
 * inside it authenticates them and ingests each publish before its PUBACK goes out.
 */
public class EmbeddedBroker implements SmartLifecycle, MqttEndpoint {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final MqttProperties properties;
    private final SaolaBrokerExtension extension;
    private EmbeddedHiveMQ hivemq;
    private volatile int port;
    private volatile boolean running;

    private final org.saola.platform.outbound.OutboundPolicy outbound;

    public EmbeddedBroker(MqttProperties properties, SaolaBrokerExtension extension,
            org.saola.platform.outbound.OutboundPolicy outbound) {
        this.properties = properties;
        this.extension = extension;
        this.outbound = outbound;
    }

    @Override
    public void start() {
        try {
            port = properties.port() > 0 ? properties.port() : freePort();
            // Applications receive NGSI-LD notifications on this broker (mqtt://localhost:<port>/…).
            outbound.trustOwnEndpoint("mqtt", port);
            Path base = properties.dataDir().toAbsolutePath().normalize();
            Path config = Files.createDirectories(base.resolve("conf"));
            Path data = Files.createDirectories(base.resolve("data"));
            Path extensions = Files.createDirectories(base.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener>
                          <port>%d</port>
                          <bind-address>%s</bind-address>
                        </tcp-listener>
                      </listeners>
                      <mqtt>
                        <packets>
                          <max-packet-size>%d</max-packet-size>
                        </packets>
                      </mqtt>
                      <anonymous-usage-statistics>
                        <enabled>false</enabled>
                      </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port, properties.bindAddress(), properties.maxPacketSize().toBytes()));
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    // Keep Spring Boot's logging configuration; HiveMQ would otherwise replace logback's.
                    .withoutLoggingBootstrap()
                    .withEmbeddedExtension(EmbeddedExtension.builder()
                            .withId("saola-devices")
                            .withName("Saola device authentication and ingestion")
                            .withVersion("1")
                            .withAuthor("Saola")
                            .withPriority(1000)
                            .withStartPriority(1000)
                            .withExtensionMain(extension)
                            .build())
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            running = true;
            log.info("Embedded MQTT broker listening on {}:{}", properties.bindAddress(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the embedded MQTT broker's folders", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded MQTT broker on port " + port, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public String host() {
        return properties.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : properties.bindAddress();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void stop() {
        if (hivemq != null) {
            try {
                hivemq.stop().get(30, TimeUnit.SECONDS);
                hivemq.close();
            } catch (Exception e) {
                log.warn("Embedded MQTT broker did not stop cleanly: {}", e.toString());
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the database and context writer beans exist; stop before them, so no publish is lost. */
    @Override
    public int getPhase() {
        return 100;
    }
}
