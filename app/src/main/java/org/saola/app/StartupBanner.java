package org.saola.app;

import java.io.PrintStream;
import java.util.Optional;
import org.saola.devices.MqttEndpoint;
import org.saola.platform.security.FirstRunAdmin;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ensures the first administrator exists and tells the person who started Saola where it is. A generated
 * password is printed to the console once, never to the log.
 */
@Component
class StartupBanner {

    private final FirstRunAdmin firstRunAdmin;
    private final MqttEndpoint mqtt;
    private final PrintStream console = System.out;

    StartupBanner(FirstRunAdmin firstRunAdmin, MqttEndpoint mqtt) {
        this.firstRunAdmin = firstRunAdmin;
        this.mqtt = mqtt;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        Optional<String> generated = firstRunAdmin.ensureAdmin();
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        StringBuilder b = new StringBuilder("\n================ Saola is running ================\n");
        b.append("  Web:      http://localhost:").append(port).append("/\n");
        b.append("  Map:      http://localhost:").append(port).append("/operations/map\n");
        b.append("  NGSI-LD:  http://localhost:").append(port).append("/ngsi-ld/v1/entities?type=AirQualityObserved\n");
        b.append("  MQTT:     ").append(mqtt.host()).append(':').append(mqtt.port()).append('\n');
        if (generated.isPresent()) {
            b.append("  First-run administrator (shown once, write it down):\n");
            b.append("    username: ").append(firstRunAdmin.username()).append('\n');
            b.append("    password: ").append(generated.get()).append('\n');
        } else {
            b.append("  Sign in as '").append(firstRunAdmin.username())
                    .append("' (password set at first run or by SAOLA_ADMIN_PASSWORD)\n");
        }
        b.append("==================================================\n");
        console.println(b);
    }
}
