package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saola.SaolaApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The external-broker mode against a real broker, Debian's Mosquitto (installed by {@code .ci/run}): the broker
 * authenticates the devices and limits each to its own topic; Saola consumes as one member of an MQTT 5 shared
 * subscription, so the broker splits the readings between Saola's nodes (here Saola and a second member of the
 * group), and each reading Saola receives is stored.
 */
class ExternalBrokerTest {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    @TempDir
    Path dir;

    private Process broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.destroyForcibly();
        }
    }

    @Test
    void devicesAuthenticatedByMosquittoAndReadingsSplitBetweenTheNodesOfTheShareGroup() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(MOSQUITTO), "Debian's mosquitto is not installed (.ci/run installs it)");
        int port = freePort();
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "");
        for (String[] user : List.of(new String[] {"saola-ingest", "ingest-secret"}, new String[] {"default/ext-1", "device-secret"},
                new String[] {"fiware-ul-1", "fiware-secret"}, new String[] {"default/ext-light", "light-secret"})) {
            Process p = new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), user[0], user[1])
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }
        Files.writeString(dir.resolve("acl"), """
                user saola-ingest
                topic read saola/#
                topic read /#
                topic write saola/+/devices/+/commands
                topic write /+/+/cmd

                user default/ext-1
                topic write saola/default/devices/ext-1/readings

                user fiware-ul-1
                topic write /ul/ext-ul-key/ul-1/attrs

                user default/ext-light
                topic read saola/default/devices/ext-light/commands
                topic write saola/default/devices/ext-light/commands/result
                """);
        Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                user %s
                allow_anonymous false
                password_file %s
                acl_file %s
                persistence false
                """.formatted(port, System.getProperty("user.name"), passwords, dir.resolve("acl")));
        // (user: started as root, Mosquitto would otherwise become 'mosquitto' and not read the test's files.)
        broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            }
        });

        // A second node of the share group: the broker gives it part of the readings.
        Set<String> toOtherNode = ConcurrentHashMap.newKeySet();
        var otherNode = MqttClient.builder().useMqttVersion5().identifier("other-node").serverHost("127.0.0.1").serverPort(port)
                .simpleAuth().username("saola-ingest").password("ingest-secret".getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
        otherNode.connect().get();
        otherNode.subscribeWith().topicFilter("$share/saola/saola/+/devices/+/+").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> {
                    // Readings only: the group's filter also matches the commands Saola publishes to actuators.
                    String text = new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
                    if (p.getTopic().toString().endsWith("/readings")) {
                        toOtherNode.add(text);
                    }
                }).send().get();

        try (ConfigurableApplicationContext saola = new SpringApplicationBuilder(SaolaApplication.class).run(
                "--server.port=0", "--saola.data-dir=" + dir.resolve("saola"), "--saola.db.data-dir=" + dir.resolve("saola"),
                "--saola.admin.password=" + PlatformTest.ADMIN_PASSWORD, "--saola.simulator.enabled=false",
                "--saola.mqtt.mode=external", "--saola.mqtt.external-url=tcp://127.0.0.1:" + port,
                "--saola.mqtt.external-username=saola-ingest", "--saola.mqtt.external-password=ingest-secret",
                "--saola.mqtt.external-client-id=saola-node-1")) {
            int http = ((WebServerApplicationContext) saola).getWebServer().getPort();
            SaolaClient admin = new SaolaClient("http://localhost:" + http, "admin", PlatformTest.ADMIN_PASSWORD);
            SaolaClient.Device station = admin.registerStation("ext-1", 16.05, 108.2);

            // The broker, not Saola, decides who may connect and publish where.
            Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("ext-1").serverHost("127.0.0.1")
                    .serverPort(port).simpleAuth().username("default/ext-1")
                    .password("device-secret".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();
            device.connect();
            Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < 40; i++) {
                device.publishWith().topic("saola/default/devices/ext-1/readings").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"pm25\": " + i + ", \"dateObserved\": \"" + t0.plusSeconds(i) + "\"}").getBytes(StandardCharsets.UTF_8))
                        .send();
            }
            device.disconnect();
            try {
                MqttClient.builder().useMqttVersion5().identifier("intruder").serverHost("127.0.0.1").serverPort(port)
                        .simpleAuth().username("default/ext-1").password("wrong".getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth().buildBlocking().connect();
                throw new AssertionError("the broker let a wrong password in");
            } catch (Mqtt5ConnAckException refused) {
                // As it should.
            }

            // A FIWARE UltraLight device, provisioned through the IoT Agent API, publishing through the same broker.
            String[] fiwareHeaders = {"Content-Type", "application/json", "fiware-service", "city", "fiware-servicepath", "/"};
            assertThat(admin.send("POST", "/iot/services", "{\"services\": [{\"apikey\": \"ext-ul-key\", \"resource\":"
                    + " \"/iot/d\", \"entity_type\": \"Thing\"}]}", fiwareHeaders).status()).isEqualTo(201);
            assertThat(admin.send("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"ul-1\", \"transport\": \"MQTT\","
                    + " \"attributes\": [{\"object_id\": \"c\", \"name\": \"count\", \"type\": \"Integer\"}],"
                    + " \"static_attributes\": [{\"name\": \"location\", \"type\": \"geo:point\", \"value\": \"16.05, 108.2\"}]}]}",
                    fiwareHeaders).status()).isEqualTo(201);
            Mqtt5BlockingClient ul = MqttClient.builder().useMqttVersion5().identifier("ul-1").serverHost("127.0.0.1")
                    .serverPort(port).simpleAuth().username("fiware-ul-1")
                    .password("fiware-secret".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();
            ul.connect();
            ul.publishWith().topic("/ul/ext-ul-key/ul-1/attrs").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("c|5".getBytes(StandardCharsets.UTF_8)).send();
            ul.disconnect();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    admin.get("/ngsi-ld/v1/entities/urn:ngsi-ld:Thing:ul-1").json().at("/count/value").asInt() == 5);

            // A command to a street light through the city's broker, and its answer back.
            SaolaClient.Device light = admin.registerDevice("ext-light", "street-light", 16.05, 108.21);
            Mqtt5BlockingClient lamp = MqttClient.builder().useMqttVersion5().identifier("ext-light").serverHost("127.0.0.1")
                    .serverPort(port).simpleAuth().username("default/ext-light")
                    .password("light-secret".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();
            lamp.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes commands = lamp.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                lamp.subscribeWith().topicFilter("saola/default/devices/ext-light/commands").qos(MqttQos.AT_LEAST_ONCE).send();
                SaolaClient.Response issued = admin.send("POST", "/api/v1/devices/ext-light/commands", "{\"command\": \"on\"}",
                        "Content-Type", "application/json");
                assertThat(issued.status()).as(issued.body()).isEqualTo(202);
                var received = commands.receive(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(received).as("the command came through Mosquitto").isPresent();
                String id = admin.send("GET", "/api/v1/devices/ext-light/commands", null).json().get(0).get("id").asString();
                assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).contains(id);
                lamp.publishWith().topic("saola/default/devices/ext-light/commands/result").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"id\": \"" + id + "\", \"status\": \"OK\", \"info\": \"lit\"}").getBytes(StandardCharsets.UTF_8))
                        .send();
                await().atMost(Duration.ofSeconds(20)).until(() -> admin.send("GET", "/api/v1/devices/ext-light/commands", null)
                        .json().get(0).get("status").asString().equals("OK"));
                assertThat(admin.get("/ngsi-ld/v1/entities/" + light.entityId()).json().at("/on_status/value").asString())
                        .isEqualTo("OK");
            } finally {
                lamp.disconnect();
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> toOtherNode.size() + stored(admin, station).size() == 40);
            Set<Integer> stored = stored(admin, station);
            assertThat(stored).as("Saola got its share").isNotEmpty();
            assertThat(toOtherNode).as("the other node got its share").isNotEmpty();
            Set<Integer> elsewhere = toOtherNode.stream().map(p -> Integer.parseInt(p.replaceAll("\\{\"pm25\": (\\d+),.*", "$1")))
                    .collect(Collectors.toSet());
            assertThat(stored).as("each reading to one node only").doesNotContainAnyElementsOf(elsewhere);
        } finally {
            otherNode.disconnect();
        }
    }

    private static Set<Integer> stored(SaolaClient admin, SaolaClient.Device station) {
        JsonNode h = admin.get("/ngsi-ld/v1/temporal/entities/" + station.entityId() + "?attrs=pm25&lastN=100").json();
        return h.has("pm25") ? h.get("pm25").findValues("value").stream().map(JsonNode::asInt).collect(Collectors.toSet()) : Set.of();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
