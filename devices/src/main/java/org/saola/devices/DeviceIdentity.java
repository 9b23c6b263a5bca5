package org.saola.devices;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;

/**
 * How a device is named on the wire. MQTT username {@code <tenant>/<deviceId>}; topic
 * {@code saola/<tenant>/devices/<deviceId>/readings}, and for a gateway also
 * {@code saola/<tenant>/devices/<deviceId>/gateway} (readings of the devices behind it).
 */
public record DeviceIdentity(TenantId tenant, String deviceId) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TOPIC = Pattern.compile("saola/([a-z0-9-]+)/devices/([A-Za-z0-9_-]{1,64})/readings");
    private static final Pattern GATEWAY_TOPIC = Pattern.compile("saola/([a-z0-9-]+)/devices/([A-Za-z0-9_-]{1,64})/gateway");

    public DeviceIdentity {
        requireValidId(deviceId);
    }

    /** Whether {@code id} can be a device's id: 1-64 letters, digits, '_' or '-'. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String requireValidId(String id) {
        if (!isValidId(id)) {
            throw new InvalidInputException("id", "a device id is 1-64 letters, digits, '_' or '-'; got '" + id + "'");
        }
        return id;
    }

    public String username() {
        return tenant.value() + "/" + deviceId;
    }

    public String topic() {
        return topicOf(tenant, deviceId);
    }

    /** Where the device receives commands (it subscribes); it answers on {@link #commandResultTopic}. */
    public String commandsTopic() {
        return "saola/" + tenant.value() + "/devices/" + deviceId + "/commands";
    }

    public String commandResultTopic() {
        return commandsTopic() + "/result";
    }

    /** Where a gateway publishes the readings of the devices behind it. */
    public String gatewayTopic() {
        return "saola/" + tenant.value() + "/devices/" + deviceId + "/gateway";
    }

    static String topicOf(TenantId tenant, String deviceId) {
        return "saola/" + tenant.value() + "/devices/" + deviceId + "/readings";
    }

    public static Optional<DeviceIdentity> fromUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        int slash = username.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeviceIdentity(TenantId.of(username.substring(0, slash)), username.substring(slash + 1)));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    public static Optional<DeviceIdentity> fromTopic(String topic) {
        Matcher m = TOPIC.matcher(topic);
        return m.matches() ? Optional.of(new DeviceIdentity(TenantId.of(m.group(1)), m.group(2))) : Optional.empty();
    }

    /** The gateway whose gateway topic this is, if it is one. */
    public static Optional<DeviceIdentity> fromGatewayTopic(String topic) {
        Matcher m = GATEWAY_TOPIC.matcher(topic);
        return m.matches() ? Optional.of(new DeviceIdentity(TenantId.of(m.group(1)), m.group(2))) : Optional.empty();
    }
}
