package org.saola.bench;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT broker Saola embeds (HiveMQ CE, the same build: this class runs inside Saola's jar), bare: it lets every
 * client in and acknowledges each QoS 1 publish itself, with nothing stored and no subscriber. What the broker and the
 * load generator cost per message when Saola does nothing, the part of {@code ingest-mqtt}'s budget that no change to
 * Saola can remove ({@code bench ingest-mqtt-ceiling}). Arguments: the port, a working directory.
 */
public final class BareBroker {

    private BareBroker() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path base = Path.of(args[1]).toAbsolutePath();
        Path config = Files.createDirectories(base.resolve("conf"));
        // As Saola's EmbeddedBroker writes it, but for the packet size (not reached here).
        Files.writeString(config.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>127.0.0.1</bind-address>
                    </tcp-listener>
                  </listeners>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(Files.createDirectories(base.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(base.resolve("extensions")))
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("bench-allow-all").withName("Every client allowed").withVersion("1").withAuthor("Saola")
                        .withPriority(1000).withStartPriority(1000)
                        .withExtensionMain(new ExtensionMain() {
                            @Override
                            public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                                Services.securityRegistry().setAuthenticatorProvider(
                                        provider -> (SimpleAuthenticator) (in, out) -> out.authenticateSuccessfully());
                            }

                            @Override
                            public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                            }
                        })
                        .build())
                .build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        System.out.println("bare broker ready on " + port);
        Thread.currentThread().join();
    }
}
