package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * FIWARE devices and provisioning scripts work unchanged: a script written for iotagent-node-lib (curl, run by
 * bash) provisions groups and devices; UltraLight and IoT Agent JSON measures arrive over HTTP and MQTT;
 * commands reach an HTTP device that collects them and an MQTT one; errors come as an IoT Agent words them.
 */
class FiwareIotAgentTest extends PlatformTest {

    static final String UL_KEY = "4jggokgpepnvsb2uv4s40d59ov";
    static final String JSON_KEY = "8f9z57ahxmtzx21oczr5vaabot";
    private static String token;
    private static List<String> scriptOutput;

    @BeforeEach
    void provisionOnce() throws Exception {
        if (token != null) {
            return;
        }
        token = client().issueApiKey("fiware provisioning", "DEVICE_MANAGER");
        Path script = Path.of(getClass().getResource("/fiware/provision.sh").toURI());
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("IOTA", "http://localhost:" + port);
        pb.environment().put("TOKEN", token);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        scriptOutput = out.lines().toList();
    }

    private SaolaClient.Response iota(String method, String path, String body) {
        return client().anonymous().send(method, path, body, "X-Auth-Token", token, "Content-Type", "application/json",
                "fiware-service", "openiot", "fiware-servicepath", "/");
    }

    private SaolaClient.Response ul(String query, String payload) {
        return client().anonymous().send("POST", "/iot/d?" + query, payload, "Content-Type", "text/plain");
    }

    private JsonNode entity(String id) {
        return client().get("/ngsi-ld/v1/entities/" + id).json();
    }

    @Test
    void theProvisioningScriptRunsUnchangedAndItsDevicesAreInTheRegister() {
        assertThat(scriptOutput.get(0)).as(String.join("\n", scriptOutput)).isEqualTo("201");
        assertThat(scriptOutput.get(1)).as(String.join("\n", scriptOutput)).isEqualTo("201");
        assertThat(scriptOutput.getLast()).isEqualTo("200");
        JsonNode listed = SaolaClient.JSON.readTree(scriptOutput.get(2));
        assertThat(listed.get("count").asInt()).isEqualTo(4);
        JsonNode motion = listed.get("devices").get(2);
        assertThat(motion.get("device_id").asString()).isEqualTo("motion001");
        assertThat(motion.get("entity_name").asString()).isEqualTo("urn:ngsi-ld:Motion:001");
        assertThat(motion.get("service").asString()).isEqualTo("openiot");
        assertThat(motion.get("service_path").asString()).isEqualTo("/");
        assertThat(motion.get("apikey").asString()).isEqualTo(UL_KEY);
        assertThat(listed.get("devices").get(3).get("entity_name").asString()).as("the NGSI-LD default name")
                .isEqualTo("urn:ngsi-ld:WeatherObserved:thermo001");

        // Saola's register has them: a place, an owner, a purpose; the entity its static attributes.
        JsonNode device = client().get("/api/v1/devices/motion001").json();
        assertThat(device.get("profile").asString()).isEqualTo("iota-motion001");
        assertThat(device.get("entityId").asString()).isEqualTo("urn:ngsi-ld:Motion:001");
        assertThat(device.get("latitude").asDouble()).isEqualTo(16.0678);
        JsonNode e = entity("urn:ngsi-ld:Motion:001");
        assertThat(e.at("/refStore/object").asString()).isEqualTo("urn:ngsi-ld:Store:001");
        assertThat(e.at("/location/value/coordinates/0").asDouble()).isEqualTo(108.2208);
        assertThat(client().get("/api/v1/devices/lamp001").json().get("longitude").asDouble()).isEqualTo(108.2210);

        JsonNode groups = iota("GET", "/iot/services", null).json();
        assertThat(groups.get("count").asInt()).isEqualTo(2);
        assertThat(groups.get("services").get(0).get("apikey").asString()).isEqualTo(UL_KEY);
        assertThat(iota("GET", "/iot/groups", null).json().get("groups").size()).isEqualTo(2);
        assertThat(iota("GET", "/iot/devices/bell001", null).json().get("polling").asBoolean()).isTrue();
    }

    @Test
    void ultraLightMeasuresOverHttpAreTypedByTheirAttributeAndStored() {
        SaolaClient.Response r = ul("k=" + UL_KEY + "&i=motion001", "c|1");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(entity("urn:ngsi-ld:Motion:001").at("/count/value").isNumber()).isTrue();
        assertThat(entity("urn:ngsi-ld:Motion:001").at("/count/value").asInt()).isEqualTo(1);

        // Two groups, the first with its own time (late: history only), the second now.
        r = ul("k=" + UL_KEY + "&i=motion001", "2026-01-01T08:00:00Z|c|7#c|3");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(entity("urn:ngsi-ld:Motion:001").at("/count/value").asInt()).isEqualTo(3);
        JsonNode history = client().get("/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:Motion:001?attrs=count"
                + "&timerel=after&timeAt=2025-12-31T00:00:00Z").json();
        assertThat(history.toString()).contains("2026-01-01T08:00:00Z");

        // GET with d=, as simple devices do.
        assertThat(client().anonymous().get("/iot/d?k=" + UL_KEY + "&i=motion001&d=c%7C4").status()).isEqualTo(200);
        assertThat(entity("urn:ngsi-ld:Motion:001").at("/count/value").asInt()).isEqualTo(4);
    }

    @Test
    void manyMeasuresAtOnceFromOneAddressAreAllTaken() throws Exception {
        // An IoT gateway or a NAT sends many devices' measures from one address at once. Unknown keys from an
        // address are limited (10 per window here); known ones must not count against that, however many are in
        // flight together (the bench found most of 64 devices' measures refused with 429 when they did).
        int clients = 64;
        java.util.concurrent.ConcurrentLinkedQueue<String> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(clients);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    together.await();
                    for (int n = 0; n < 2; n++) {
                        SaolaClient.Response r = ul("k=" + UL_KEY + "&i=motion001", "c|" + n);
                        answers.add(r.status() + " " + r.body());
                    }
                    return null;
                });
            }
        }
        assertThat(answers).hasSize(clients * 2).allMatch(a -> a.startsWith("200"), "every measure taken");
    }

    @Test
    void badMeasuresAreRefusedAsAnIotAgentWordsThemAndRecordedOnTheDevice() {
        SaolaClient.Response r = ul("k=" + UL_KEY + "&i=motion001", "c|many");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("name").asString()).isEqualTo("OUT_OF_SCHEMA");
        assertThat(r.json().get("message").asString()).contains("c must be a number");
        r = ul("k=" + UL_KEY + "&i=motion001", "x|1");
        assertThat(r.json().get("name").asString()).isEqualTo("UNKNOWN_ATTRIBUTE");
        r = ul("k=" + UL_KEY + "&i=motion001", "c|");
        assertThat(r.status()).isEqualTo(400);
        r = ul("k=" + UL_KEY + "&i=motion001", "|1|2");
        assertThat(r.json().get("name").asString()).isEqualTo("MALFORMED_PAYLOAD");
        r = ul("i=motion001", "c|1");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("name").asString()).isEqualTo("MANDATORY_PARAMS_NOT_FOUND");
        assertThat(r.json().get("message").asString()).contains("API Key");
        r = ul("k=nokey&i=motion001", "c|1");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("name").asString()).isEqualTo("DEVICE_GROUP_NOT_FOUND");
        r = ul("k=" + UL_KEY + "&i=ghost001", "c|1");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("name").asString()).isEqualTo("DEVICE_NOT_FOUND");
        r = client().anonymous().send("POST", "/iot/d?k=" + UL_KEY + "&i=motion001", "c|1", "Content-Type", "application/json");
        assertThat(r.json().get("name").asString()).isEqualTo("UNSUPPORTED_TYPE");
        // The JSON group's key does not open another group's device.
        r = ul("k=" + JSON_KEY + "&i=motion001", "c|1");
        assertThat(r.status()).isEqualTo(404);

        JsonNode counts = client().get("/api/v1/devices/motion001/rejection-counts").json();
        assertThat(counts.toString()).contains("OUT_OF_SCHEMA", "UNKNOWN_ATTRIBUTE", "MALFORMED_PAYLOAD");
    }

    @Test
    void iotAgentJsonMeasuresOverHttp() {
        SaolaClient.Response r = client().anonymous().send("POST", "/iot/json?k=" + JSON_KEY + "&i=thermo001",
                "{\"t\": \"21.5\", \"h\": 80, \"raining\": \"true\"}", "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
        JsonNode e = entity("urn:ngsi-ld:WeatherObserved:thermo001");
        assertThat(e.at("/temperature/value").asDouble()).isEqualTo(21.5);
        assertThat(e.at("/relativeHumidity/value").asInt()).isEqualTo(80);
        assertThat(e.at("/raining/value").asBoolean()).isTrue();

        r = client().anonymous().send("POST", "/iot/json?k=" + JSON_KEY + "&i=thermo001",
                "[{\"t\": 22, \"TimeInstant\": \"2026-02-01T10:00:00+07:00\"}, {\"t\": 23}]", "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(entity("urn:ngsi-ld:WeatherObserved:thermo001").at("/temperature/value").asInt()).isEqualTo(23);
        r = client().anonymous().send("POST", "/iot/json?k=" + JSON_KEY + "&i=thermo001", "{\"t\": ", "Content-Type",
                "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("name").asString()).isEqualTo("MALFORMED_PAYLOAD");
    }

    @Test
    void provisioningErrorsComeAsTheAgentAnswersThem() {
        SaolaClient.Response r = client().anonymous().send("GET", "/iot/devices", null, "X-Auth-Token", token);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("name").asString()).isEqualTo("MISSING_HEADERS");
        assertThat(r.json().get("message").asString()).contains("fiware-service");
        assertThat(client().anonymous().send("GET", "/iot/devices", null, "fiware-service", "openiot",
                "fiware-servicepath", "/").status()).as("no token").isEqualTo(401);
        String analyst = client().issueApiKey("fiware analyst", "ANALYST");
        assertThat(client().anonymous().send("POST", "/iot/devices", "{\"devices\": []}", "X-Auth-Token", analyst,
                "Content-Type", "application/json", "fiware-service", "openiot", "fiware-servicepath", "/").status())
                .as("an analyst provisions nothing").isEqualTo(403);

        r = iota("GET", "/iot/devices/nobody", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("name").asString()).isEqualTo("DEVICE_NOT_FOUND");
        r = iota("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"motion001\", \"entity_type\": \"Motion\","
                + " \"static_attributes\": [{\"name\": \"location\", \"type\": \"geo:point\", \"value\": \"16, 108\"}]}]}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("name").asString()).isEqualTo("DUPLICATE_DEVICE_ID");
        r = iota("POST", "/iot/devices", "{\"devices\": [{\"entity_type\": \"Motion\"}]}");
        assertThat(r.json().get("name").asString()).isEqualTo("MISSING_ATTRIBUTES");
        r = iota("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"nowhere001\", \"entity_type\": \"Motion\"}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asString()).contains("location");
        assertThat(client().get("/api/v1/devices/nowhere001").status()).as("nothing half-registered").isEqualTo(404);
        r = iota("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"x1\", \"attributes\": [{\"name\": \"a<b\"}]}]}");
        assertThat(r.json().get("name").asString()).isEqualTo("WRONG_SYNTAX");
        r = iota("POST", "/iot/devices", "{\"devices\": ");
        assertThat(r.json().get("name").asString()).isEqualTo("WRONG_SYNTAX");
        r = iota("POST", "/iot/services", "{\"services\": [{\"apikey\": \"" + UL_KEY + "\", \"resource\": \"/iot/d\","
                + " \"entity_type\": \"Thing\"}]}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("name").asString()).isEqualTo("DUPLICATE_GROUP");
        r = iota("POST", "/iot/services", "{\"services\": [{\"apikey\": \"k2\", \"resource\": \"/iot/d\"}]}");
        assertThat(r.json().get("name").asString()).isEqualTo("MISSING_CONFIG_PARAMS");
        r = iota("PUT", "/iot/services?resource=/iot/d&apikey=unknown", "{\"entity_type\": \"X\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("name").asString()).isEqualTo("DEVICE_GROUP_NOT_FOUND");
        r = iota("PUT", "/iot/services?resource=/iot/d", "{\"entity_type\": \"X\"}");
        assertThat(r.json().get("name").asString()).isEqualTo("MISSING_HEADERS");
        r = iota("PUT", "/iot/devices/motion001", "{\"device_id\": \"other\"}");
        assertThat(r.json().get("name").asString()).isEqualTo("BAD_REQUEST");

        String located = ", \"static_attributes\": [{\"name\": \"location\", \"type\": \"geo:point\", \"value\": \"16, 108\"}],"
                + " \"attributes\": [{\"object_id\": \"c\", \"name\": \"count\", \"type\": \"Integer\"}]";
        r = iota("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"keyless1\", \"entity_type\": \"Motion\","
                + " \"apikey\": \"+\"" + located + "}]}");
        assertThat(r.status()).as("a device's key is one of its tenant's groups'").isEqualTo(400);
        assertThat(r.json().get("message").asString()).contains("apikey");
        r = iota("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"pushy1\", \"entity_type\": \"Motion\","
                + " \"endpoint\": \"file:///etc/passwd\"" + located + "}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asString()).contains("endpoint");
        r = iota("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"thief1\", \"entity_type\": \"Motion\","
                + " \"entity_name\": \"urn:ngsi-ld:Motion:001\"" + located + "}]}");
        assertThat(r.status()).as("another device's entity").isEqualTo(409);
        assertThat(client().get("/api/v1/devices/thief1").status()).isEqualTo(404);

        // Readers of the register do not see the groups' keys, the credential of their devices' measures.
        JsonNode read = client().anonymous().send("GET", "/iot/devices", null, "X-Auth-Token", analyst,
                "fiware-service", "openiot", "fiware-servicepath", "/").json();
        assertThat(read.get("count").asInt()).isGreaterThan(0);
        assertThat(read.toString()).doesNotContain(UL_KEY, JSON_KEY);
        assertThat(client().anonymous().send("GET", "/iot/services", null, "X-Auth-Token", analyst,
                "fiware-service", "openiot", "fiware-servicepath", "/").body()).doesNotContain(UL_KEY);
    }

    @Test
    void aDeviceIsChangedThenRemovedAndTheRegisterKeepsItRetired() {
        String id = "door" + UUID.randomUUID().toString().substring(0, 6);
        SaolaClient.Response r = iota("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"" + id + "\", \"entity_type\":"
                + " \"Door\", \"apikey\": \"" + UL_KEY + "\", \"attributes\": [{\"object_id\": \"o\", \"name\": \"open\", \"type\":"
                + " \"Boolean\"}], \"static_attributes\": [{\"name\": \"location\", \"type\": \"geo:point\", \"value\": \"16.05, 108.2\"}]}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("{}");
        assertThat(ul("k=" + UL_KEY + "&i=" + id, "o|true|b|0.5").json().get("name").asString()).isEqualTo("UNKNOWN_ATTRIBUTE");

        r = iota("PUT", "/iot/devices/" + id, "{\"attributes\": [{\"object_id\": \"o\", \"name\": \"open\", \"type\": \"Boolean\"},"
                + " {\"object_id\": \"b\", \"name\": \"batteryLevel\", \"type\": \"Number\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(ul("k=" + UL_KEY + "&i=" + id, "o|true|b|0.5").status()).isEqualTo(200);
        JsonNode e = entity("urn:ngsi-ld:Door:" + id);
        assertThat(e.at("/open/value").asBoolean()).isTrue();
        assertThat(e.at("/batteryLevel/value").asDouble()).isEqualTo(0.5);

        assertThat(iota("DELETE", "/iot/devices/" + id, null).status()).isEqualTo(204);
        assertThat(iota("GET", "/iot/devices/" + id, null).status()).isEqualTo(404);
        assertThat(ul("k=" + UL_KEY + "&i=" + id, "o|false").status()).isEqualTo(404);
        assertThat(client().get("/api/v1/devices/" + id).json().at("/register/status").asString()).isEqualTo("RETIRED");
    }

    @Test
    void aBellCollectsItsCommandAndSaysItRang() {
        SaolaClient.Response issued = client().send("POST", "/api/v1/devices/bell001/commands", "{\"command\": \"ring\"}",
                "Content-Type", "application/json");
        assertThat(issued.status()).as(issued.body()).isEqualTo(202);
        assertThat(entity("urn:ngsi-ld:Bell:001").at("/ring_status/value").asString()).isEqualTo("PENDING");

        SaolaClient.Response polled = client().anonymous().get("/iot/d?k=" + UL_KEY + "&i=bell001&getCmd=1");
        assertThat(polled.status()).as(polled.body()).isEqualTo(200);
        assertThat(polled.body()).isEqualTo("bell001@ring|");
        assertThat(entity("urn:ngsi-ld:Bell:001").at("/ring_status/value").asString()).isEqualTo("SENT");
        assertThat(client().anonymous().get("/iot/d?k=" + UL_KEY + "&i=bell001&getCmd=1").body()).as("collected once").isEmpty();

        assertThat(ul("k=" + UL_KEY + "&i=bell001", "bell001@ring|rung").status()).isEqualTo(200);
        JsonNode e = entity("urn:ngsi-ld:Bell:001");
        assertThat(e.at("/ring_status/value").asString()).isEqualTo("OK");
        assertThat(e.at("/ring_info/value").asString()).isEqualTo("rung");
        assertThat(client().get("/api/v1/devices/bell001/commands").json().get(0).get("status").asString()).isEqualTo("OK");
    }

    @Test
    void aChimeWithAnEndpointIsSentItsCommandOverHttpAndItsAnswerIsTheResult() throws Exception {
        com.sun.net.httpserver.HttpServer chime = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        chime.createContext("/chime", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("fiware-service") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "chime001@ring|ding dong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        chime.start();
        try {
            SaolaClient.Response r = iota("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"chime001\", \"entity_type\":"
                    + " \"Bell\", \"apikey\": \"" + UL_KEY + "\", \"transport\": \"HTTP\", \"endpoint\": \"http://127.0.0.1:"
                    + chime.getAddress().getPort() + "/chime\", \"commands\": [{\"name\": \"ring\", \"type\": \"command\"}],"
                    + " \"static_attributes\": [{\"name\": \"location\", \"type\": \"geo:point\", \"value\": \"16.06, 108.22\"}]}]}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(client().send("POST", "/api/v1/devices/chime001/commands", "{\"command\": \"ring\"}",
                    "Content-Type", "application/json").status()).isEqualTo(202);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("openiot chime001@ring|");
            String status = "";
            for (int i = 0; i < 100 && !status.equals("OK"); i++) {
                Thread.sleep(100);
                status = entity("urn:ngsi-ld:Bell:chime001").at("/ring_status/value").asString();
            }
            assertThat(status).isEqualTo("OK");
            assertThat(entity("urn:ngsi-ld:Bell:chime001").at("/ring_info/value").asString()).isEqualTo("ding dong");
        } finally {
            chime.stop(0);
        }
    }

    @Test
    void anMqttLampSendsUltraLightAndIsSwitchedOn() throws Exception {
        String secret = client().post("/api/v1/devices/lamp001/credentials", "").json().get("secret").asString();
        Mqtt5BlockingClient lamp = MqttClient.builder().useMqttVersion5().identifier("lamp001-" + UUID.randomUUID())
                .serverHost(mqtt.host()).serverPort(mqtt.port()).buildBlocking();
        lamp.connectWith().simpleAuth().username("default/lamp001").password(secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        try (Mqtt5BlockingClient.Mqtt5Publishes incoming = lamp.publishes(MqttGlobalPublishFilter.ALL)) {
            lamp.subscribeWith().topicFilter("/" + UL_KEY + "/lamp001/cmd").qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(publish(lamp, "/ul/" + UL_KEY + "/lamp001/attrs", "s|off|l|12")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(entity("urn:ngsi-ld:Lamp:001").at("/luminosity/value").asInt()).isEqualTo(12);
            assertThat(publish(lamp, "/" + UL_KEY + "/lamp001/attrs/l", "300")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(entity("urn:ngsi-ld:Lamp:001").at("/luminosity/value").asInt()).isEqualTo(300);
            assertThat(publish(lamp, "/ul/" + UL_KEY + "/lamp001/attrs", "l|bright"))
                    .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(publish(lamp, "/ul/" + UL_KEY + "/motion001/attrs", "c|1")).as("another device's topic")
                    .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);

            assertThat(client().send("POST", "/api/v1/devices/lamp001/commands", "{\"command\": \"on\"}", "Content-Type",
                    "application/json").status()).isEqualTo(202);
            Optional<Mqtt5Publish> received = incoming.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("lamp001@on|");
            assertThat(publish(lamp, "/ul/" + UL_KEY + "/lamp001/cmdexe", "lamp001@on|switched on"))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            JsonNode e = entity("urn:ngsi-ld:Lamp:001");
            assertThat(e.at("/on_status/value").asString()).isEqualTo("OK");
            assertThat(e.at("/on_info/value").asString()).isEqualTo("switched on");
        } finally {
            lamp.disconnect();
        }
    }

    @Test
    void aJsonDeviceOnMqttSendsMeasuresAndAnswersItsCommand() throws Exception {
        SaolaClient.Response r = iota("POST", "/iot/devices", "{\"devices\": [{\"device_id\": \"jsonlamp1\", \"entity_type\":"
                + " \"Lamp\", \"apikey\": \"" + JSON_KEY + "\", \"protocol\": \"IoTA-JSON\", \"transport\": \"MQTT\","
                + " \"attributes\": [{\"object_id\": \"l\", \"name\": \"luminosity\", \"type\": \"Number\"}],"
                + " \"commands\": [{\"name\": \"on\", \"type\": \"command\"}],"
                + " \"static_attributes\": [{\"name\": \"location\", \"type\": \"geo:point\", \"value\": \"16.07, 108.22\"}]}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String secret = client().post("/api/v1/devices/jsonlamp1/credentials", "").json().get("secret").asString();
        Mqtt5BlockingClient lamp = MqttClient.builder().useMqttVersion5().identifier("jsonlamp1-" + UUID.randomUUID())
                .serverHost(mqtt.host()).serverPort(mqtt.port()).buildBlocking();
        lamp.connectWith().simpleAuth().username("default/jsonlamp1").password(secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        try (Mqtt5BlockingClient.Mqtt5Publishes incoming = lamp.publishes(MqttGlobalPublishFilter.ALL)) {
            lamp.subscribeWith().topicFilter("/" + JSON_KEY + "/jsonlamp1/cmd").qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(publish(lamp, "/json/" + JSON_KEY + "/jsonlamp1/attrs", "{\"l\": 5}")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(entity("urn:ngsi-ld:Lamp:jsonlamp1").at("/luminosity/value").asInt()).isEqualTo(5);
            assertThat(publish(lamp, "/json/" + JSON_KEY + "/jsonlamp1/attrs/l", "7")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(entity("urn:ngsi-ld:Lamp:jsonlamp1").at("/luminosity/value").asInt()).isEqualTo(7);
            assertThat(publish(lamp, "/json/" + JSON_KEY + "/jsonlamp1/attrs", "{\"l\": ")).as("not JSON")
                    .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);

            assertThat(client().send("POST", "/api/v1/devices/jsonlamp1/commands", "{\"command\": \"on\"}", "Content-Type",
                    "application/json").status()).isEqualTo(202);
            Optional<Mqtt5Publish> received = incoming.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(SaolaClient.JSON.readTree(received.get().getPayloadAsBytes()).has("on")).isTrue();
            assertThat(publish(lamp, "/json/" + JSON_KEY + "/jsonlamp1/cmdexe", "{\"on\": \"lit\"}"))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            JsonNode e = entity("urn:ngsi-ld:Lamp:jsonlamp1");
            assertThat(e.at("/on_status/value").asString()).isEqualTo("OK");
            assertThat(e.at("/on_info/value").asString()).isEqualTo("lit");
        } finally {
            lamp.disconnect();
        }
    }

    private static Mqtt5PubAckReasonCode publish(Mqtt5BlockingClient client, String topic, String payload) {
        try {
            var result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
            return ((com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck()
                    .getReasonCode();
        } catch (Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }
}
