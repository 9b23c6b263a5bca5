package org.saola.devices;

import java.util.Optional;
import org.saola.platform.InvalidInputException;

/**
 * What an operator gives to register a device: its id, name, profile (what kind of device it is), place, what
 * the public register says about it, and the gateway that sends its readings, if one does.
 */
public record NewDevice(String id, String name, String profile, double latitude, double longitude,
        Stewardship stewardship, Optional<String> gateway) {
    public NewDevice {
        DeviceIdentity.requireValidId(id);
        gateway = gateway == null ? Optional.empty() : gateway;
        if (gateway.isPresent() && (gateway.get().equals(id) || !DeviceIdentity.isValidId(gateway.get()))) {
            throw new InvalidInputException("gateway", "a gateway is another device of the tenant, by its id; got '"
                    + gateway.get() + "'");
        }
        if (profile == null || profile.isBlank()) {
            throw new InvalidInputException("profile", "a device needs a profile (GET /api/v1/device-profiles lists them)");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "a device needs a name of 1-200 characters");
        }
        requirePlace(latitude, longitude);
        name = name.strip();
        if (stewardship == null) {
            throw new InvalidInputException("owner", "a device needs its owner and purpose for the public sensor register");
        }
    }

    /** Refuses a place that is not WGS 84 latitude and longitude. */
    public static void requirePlace(double latitude, double longitude) {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new InvalidInputException("latitude", "latitude must be between -90 and 90; got " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new InvalidInputException("longitude", "longitude must be between -180 and 180; got " + longitude);
        }
    }
}
