package org.saola.devices;

/** Where devices connect: the embedded broker, or the city's external one. */
public interface MqttEndpoint {
    String host();

    int port();
}
