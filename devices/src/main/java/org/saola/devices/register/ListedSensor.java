package org.saola.devices.register;

import org.saola.devices.DeviceIdentity;
import org.saola.devices.Stewardship;
import org.saola.platform.InvalidInputException;

/**
 * A sensor that sends nothing to Saola but belongs in the public register: a CCTV camera, a number-plate camera,
 * a private operator's people counter. What it is ({@link Kind}), what it captures in plain words, where, and the
 * same stewardship as a connected device.
 */
public record ListedSensor(String id, String name, Kind kind, String measures, double latitude, double longitude,
        Stewardship stewardship) {

    /** Kinds of unconnected sensor, with their names in Vietnamese and English. */
    public enum Kind {
        CCTV_CAMERA("cctv-camera", "Camera giám sát (CCTV)", "CCTV camera"),
        ANPR_CAMERA("anpr-camera", "Camera nhận dạng biển số", "Number-plate recognition camera"),
        TRAFFIC_CAMERA("traffic-camera", "Camera giao thông", "Traffic camera"),
        WIFI_BLUETOOTH_TRACKER("wifi-bluetooth-tracker", "Thiết bị dò tín hiệu Wi-Fi/Bluetooth", "Wi-Fi/Bluetooth tracker"),
        PEOPLE_COUNTER("people-counter", "Thiết bị đếm người", "People counter"),
        OTHER("other", "Cảm biến khác", "Other sensor");

        private final String code;
        private final String nameVi;
        private final String nameEn;

        Kind(String code, String nameVi, String nameEn) {
            this.code = code;
            this.nameVi = nameVi;
            this.nameEn = nameEn;
        }

        public String code() {
            return code;
        }

        public String nameVi() {
            return nameVi;
        }

        public String nameEn() {
            return nameEn;
        }

        public static Kind of(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            throw new InvalidInputException("kind", "kind is one of cctv-camera, anpr-camera, traffic-camera, "
                    + "wifi-bluetooth-tracker, people-counter, other; got '" + code + "'");
        }
    }

    public ListedSensor {
        DeviceIdentity.requireValidId(id);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("name", "a sensor needs a name of 1-200 characters");
        }
        if (kind == null) {
            throw new InvalidInputException("kind", "say what kind of sensor it is (kind)");
        }
        if (measures == null || measures.isBlank() || measures.length() > 300) {
            throw new InvalidInputException("measures", "say what it captures, in 1-300 characters (images of the street, …)");
        }
        org.saola.devices.NewDevice.requirePlace(latitude, longitude);
        if (stewardship == null) {
            throw new InvalidInputException("owner", "a sensor needs its owner and purpose for the public register");
        }
        name = name.strip();
        measures = measures.strip();
    }
}
