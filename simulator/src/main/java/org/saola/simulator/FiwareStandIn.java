package org.saola.simulator;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.saola.devices.DeviceCredentials;
import org.saola.devices.MqttEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a city that already runs FIWARE brings to the demo: its provisioning script, run over real HTTP against
 * Saola's IoT Agent API (a service group and two devices), an UltraLight kiosk posting its measures to
 * {@code /iot/d}, and an UltraLight lamp on MQTT that publishes on {@code /ul/<apikey>/<id>/attrs} and answers
 * the commands it gets on {@code /<apikey>/<id>/cmd}.
 */
final class FiwareStandIn {

    /** The demo group's API key (a real city gives each group a long random one). */
    static final String API_KEY = "demo-danang-ultralight";
    static final String KIOSK = "dn-hai-chau-fiware-kiosk-1";
    static final String LAMP = "dn-hai-chau-fiware-lamp-1";
    private static final Logger log = LoggerFactory.getLogger(FiwareStandIn.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI saola;
    private final String token;

    FiwareStandIn(URI saola, String token) {
        this.saola = saola;
        this.token = token;
    }

    /** Provisions the group and the two devices, as a FIWARE script does, unless an earlier run did. */
    void provision() {
        if (send("GET", "/iot/devices/" + KIOSK, null, "application/json").statusCode() == 200) {
            return;
        }
        send("POST", "/iot/services", """
                {"services": [{"apikey": "%s", "resource": "/iot/d", "entity_type": "Thing", "protocol": "PDI-IoTA-UltraLight"}]}"""
                .formatted(API_KEY), "application/json");
        HttpResponse<String> r = send("POST", "/iot/devices", """
                {"devices": [
                  {"device_id": "%s", "entity_type": "WeatherObserved", "transport": "HTTP",
                   "attributes": [{"object_id": "t", "name": "temperature", "type": "Number"},
                                  {"object_id": "h", "name": "relativeHumidity", "type": "Number"}],
                   "static_attributes": [{"name": "location", "type": "geo:point", "value": "16.0610, 108.2235"}]},
                  {"device_id": "%s", "entity_type": "Streetlight", "transport": "MQTT",
                   "attributes": [{"object_id": "l", "name": "illuminanceLevel", "type": "Number"},
                                  {"object_id": "s", "name": "powerState", "type": "Text"}],
                   "commands": [{"name": "on", "type": "command"}, {"name": "off", "type": "command"}],
                   "static_attributes": [{"name": "location", "type": "geo:point", "value": "16.0625, 108.2241"}]}
                ]}""".formatted(KIOSK, LAMP), "application/json");
        if (r.statusCode() != 201) {
            log.warn("FIWARE stand-in: provisioning answered {} {}", r.statusCode(), r.body());
        }
    }

    /** One UltraLight measure of the kiosk over HTTP: temperature and humidity. */
    void kioskMeasure(double temperature, double humidity) {
        HttpRequest request = HttpRequest.newBuilder(saola.resolve("/iot/d?k=" + API_KEY + "&i=" + KIOSK))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(String.format(Locale.ROOT, "t|%.1f|h|%.0f", temperature, humidity)))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((a, failure) -> {
            if (failure != null || a.statusCode() != 200) {
                log.warn("FIWARE kiosk: /iot/d answered {}", failure != null ? failure.toString() : a.statusCode() + " " + a.body());
            }
        });
    }

    /** The lamp on the embedded broker, with its own Saola credentials, obeying its UltraLight commands. */
    Mqtt5AsyncClient lamp(MqttEndpoint broker, DeviceCredentials credentials) {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("sim-" + LAMP)
                .serverHost(broker.host()).serverPort(broker.port()).automaticReconnectWithDefaultConfig()
                .simpleAuth().username(credentials.username()).password(credentials.secret().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().buildAsync();
        client.connect().whenComplete((ack, failure) -> {
            if (failure != null) {
                log.warn("FIWARE lamp could not connect: {}", failure.toString());
                return;
            }
            client.subscribeWith().topicFilter("/" + API_KEY + "/" + LAMP + "/cmd").qos(MqttQos.AT_LEAST_ONCE).callback(c -> {
                String command = new String(c.getPayloadAsBytes(), StandardCharsets.UTF_8);     // lamp@on|
                int at = command.indexOf('@');
                int bar = command.indexOf('|');
                if (at > 0 && bar > at) {
                    String name = command.substring(at + 1, bar);
                    lampState = name.equals("on") ? "on" : "off";
                    publish(client, "/ul/" + API_KEY + "/" + LAMP + "/cmdexe", LAMP + "@" + name + "|" + name + " (demo lamp)");
                }
            }).send();
        });
        return client;
    }

    private volatile String lampState = "on";

    /** One UltraLight measure of the lamp over MQTT: its light level (0-1) and state. */
    void lampMeasure(Mqtt5AsyncClient client, double level) {
        if (client.getState().isConnected()) {
            publish(client, "/ul/" + API_KEY + "/" + LAMP + "/attrs", String.format(Locale.ROOT, "l|%.2f|s|%s",
                    lampState.equals("on") ? level : 0.0, lampState));
        }
    }

    private static void publish(Mqtt5AsyncClient client, String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    private HttpResponse<String> send(String method, String path, String body, String type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(saola.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Auth-Token", token).header("fiware-service", "danang").header("fiware-servicepath", "/demo")
                .header("Content-Type", type);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
