package org.saola.devices;

import org.saola.platform.InvalidInputException;

/** What an operator gives to register an air-quality station. */
public record NewDevice(String id, String name, double latitude, double longitude) {
    public NewDevice {
        DeviceIdentity.requireValidId(id);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "a device needs a name of 1-200 characters");
        }
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new InvalidInputException("latitude", "latitude must be between -90 and 90; got " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new InvalidInputException("longitude", "longitude must be between -180 and 180; got " + longitude);
        }
        name = name.strip();
    }
}
