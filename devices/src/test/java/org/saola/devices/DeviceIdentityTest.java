package org.saola.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;

class DeviceIdentityTest {

    private final DeviceIdentity station = new DeviceIdentity(TenantId.DEFAULT, "dn-hai-chau-1");

    @Test
    void aDeviceIsNamedOnTheWireByItsTenantAndId() {
        assertThat(station.username()).isEqualTo("default/dn-hai-chau-1");
        assertThat(station.topic()).isEqualTo("saola/default/devices/dn-hai-chau-1/readings");
        assertThat(DeviceIdentity.fromUsername("default/dn-hai-chau-1")).contains(station);
        assertThat(DeviceIdentity.fromTopic("saola/default/devices/dn-hai-chau-1/readings")).contains(station);
    }

    @Test
    void malformedUsernamesAndTopicsIdentifyNoDevice() {
        assertThat(DeviceIdentity.fromUsername(null)).isEmpty();
        assertThat(DeviceIdentity.fromUsername("dn-hai-chau-1")).isEmpty();
        assertThat(DeviceIdentity.fromUsername("/dn-hai-chau-1")).isEmpty();
        assertThat(DeviceIdentity.fromUsername("Default/x")).isEmpty();
        assertThat(DeviceIdentity.fromUsername("default/a/b")).isEmpty();
        assertThat(DeviceIdentity.fromTopic("saola/default/devices/dn-hai-chau-1/commands")).isEmpty();
        assertThat(DeviceIdentity.fromTopic("saola/default/devices/+/readings")).isEmpty();
        assertThat(DeviceIdentity.fromTopic("saola/default/devices/a/b/readings")).isEmpty();
    }

    @Test
    void anInvalidDeviceIdIsRefusedWithTheField() {
        assertThatThrownBy(() -> new DeviceIdentity(TenantId.DEFAULT, "trạm 1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a device id is 1-64 letters");
        assertThatThrownBy(() -> DeviceIdentity.requireValidId("x".repeat(65)))
                .isInstanceOf(InvalidInputException.class);
    }
}
