package org.saola.devices.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * MQTT ingestion.
 *
 * @param mode {@code embedded}: Saola runs its own HiveMQ CE broker and authenticates devices itself;
 *     {@code external}: Saola subscribes, as a client, to a broker the city runs (Mosquitto, EMQX, HiveMQ)
 *     which authenticates devices
 * @param port TCP port of the embedded broker (0: any free port)
 * @param bindAddress address the embedded broker listens on
 * @param dataDir where the embedded broker keeps its sessions and queued messages
 * @param ackTimeout longest a publish waits for its readings to commit before it is refused (the device retries)
 * @param externalUrl broker URL in external mode, e.g. {@code tcp://mqtt.city.example:1883}
 * @param externalUsername user Saola connects as in external mode
 * @param externalPassword its password
 * @param externalClientId Saola's client id in external mode: its persistent session keeps unacknowledged readings;
 *     each Saola node needs its own
 * @param externalShareGroup the MQTT 5 shared-subscription group the nodes consume in, so that the broker splits
 *     the readings between them ({@code $share/<group>/...}); empty: a plain subscription (one node only)
 * @param maxPacketSize largest MQTT packet the embedded broker accepts (HiveMQ's default, 256 MB, lets one
 *     client hold that much memory per message; a reading is a few hundred bytes)
 */
@ConfigurationProperties("saola.mqtt")
@Validated
public record MqttProperties(
        @DefaultValue("embedded") String mode,
        @DefaultValue("1883") @Min(0) @Max(65535) int port,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("./data/mqtt") Path dataDir,
        @DefaultValue("10s") @DurationMin(millis = 1) Duration ackTimeout,
        @DefaultValue("") String externalUrl,
        @DefaultValue("") String externalUsername,
        @DefaultValue("") String externalPassword,
        @DefaultValue("saola-ingestion") String externalClientId,
        @DefaultValue("saola") String externalShareGroup,
        @DefaultValue("256KB") DataSize maxPacketSize) {

    public MqttProperties {
        if (!mode.equals("embedded") && !mode.equals("external")) {
            throw new IllegalArgumentException("saola.mqtt.mode must be 'embedded' or 'external'; got '" + mode + "'");
        }
        if (mode.equals("external") && externalUrl.isBlank()) {
            throw new IllegalArgumentException("saola.mqtt.external-url is required when saola.mqtt.mode=external");
        }
        if (!externalShareGroup.isEmpty() && !externalShareGroup.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("saola.mqtt.external-share-group is 1-64 letters, digits, '_' or '-' (or empty); got '"
                    + externalShareGroup + "'");
        }
        if (maxPacketSize.toBytes() < 1024 || maxPacketSize.toBytes() > 268_435_460L) {
            throw new IllegalArgumentException("saola.mqtt.max-packet-size must be between 1KB and 256MB; got " + maxPacketSize);
        }
    }
}
