package org.saola.devices;

/** How a device connects: shown once when issued; only a hash of the secret is kept. */
public record DeviceCredentials(String username, String secret, String topic) {
    @Override
    public String toString() {
        return "DeviceCredentials[username=" + username + ", topic=" + topic + "]";
    }
}
