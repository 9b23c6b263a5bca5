package org.saola.devices.fiware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** UltraLight 2.0 as iotagent-ul reads it: pairs, groups, a leading time, commands and their results. */
class UltraLightTest {

    @Test
    void pairsMakeOneGroupAndHashesSeveral() {
        assertThat(UltraLight.parse("t|15|h|40")).containsExactly(
                new UltraLight.Group(Optional.empty(), Map.of("t", "15", "h", "40")));
        List<UltraLight.Group> groups = UltraLight.parse("2026-11-30T08:00:00Z|t|15#t|16\n");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).timestamp()).contains("2026-11-30T08:00:00Z");
        assertThat(groups.get(0).measures()).containsEntry("t", "15");
        assertThat(groups.get(1).timestamp()).isEmpty();
        assertThat(groups.get(1).measures()).containsEntry("t", "16");
    }

    @Test
    void malformedMeasuresSayWhatIsWrong() {
        assertThatThrownBy(() -> UltraLight.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> UltraLight.parse("t")).hasMessageContaining("key|value");
        assertThatThrownBy(() -> UltraLight.parse("t|1#|2")).hasMessageContaining("group 1");
        assertThatThrownBy(() -> UltraLight.parse("|t|1")).hasMessageContaining("empty field");
        assertThatThrownBy(() -> UltraLight.parse("t|1|t|2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> UltraLight.parse("t|1#".repeat(501))).hasMessageContaining("at most 500");
    }

    @Test
    void commandsAndResults() {
        assertThat(UltraLight.command("lamp01", "dim", "30")).isEqualTo("lamp01@dim|30");
        assertThat(UltraLight.command("bell001", "ring", null)).isEqualTo("bell001@ring|");
        assertThat(UltraLight.commandLine("bell001@ring|rung at 08:00")).contains(
                new UltraLight.CommandLine("bell001", "ring", "rung at 08:00"));
        assertThat(UltraLight.commandLine("t|15")).isEmpty();
        assertThat(UltraLight.commandLine("@ring|x")).isEmpty();
    }

    @Test
    void fiwareTopics() {
        assertThat(IotAgentMqtt.parse("/ul/key1/lamp1/attrs")).contains(
                new IotAgentMqtt.Topic(Optional.of("ul"), "key1", "lamp1", false, Optional.empty()));
        assertThat(IotAgentMqtt.parse("/key1/lamp1/attrs/l")).contains(
                new IotAgentMqtt.Topic(Optional.empty(), "key1", "lamp1", false, Optional.of("l")));
        assertThat(IotAgentMqtt.parse("/json/key1/lamp1/cmdexe")).contains(
                new IotAgentMqtt.Topic(Optional.of("json"), "key1", "lamp1", true, Optional.empty()));
        assertThat(IotAgentMqtt.parse("/key1/lamp1/cmd")).isEmpty();
        assertThat(IotAgentMqtt.parse("saola/default/devices/x/readings")).isEmpty();
        assertThat(IotAgentMqtt.parse("//lamp1/attrs")).isEmpty();
    }

    @Test
    void measuresAreTypedAsTheirAttributeIsDeclared() {
        var f = tools.jackson.databind.node.JsonNodeFactory.instance;
        assertThat(IotAgentMeasures.typed(org.saola.devices.profile.DeviceProfile.ValueKind.NUMBER, f.stringNode("21.5")).asDouble())
                .isEqualTo(21.5);
        assertThat(IotAgentMeasures.typed(org.saola.devices.profile.DeviceProfile.ValueKind.NUMBER, f.stringNode("7")).isIntegralNumber())
                .isTrue();
        assertThat(IotAgentMeasures.typed(org.saola.devices.profile.DeviceProfile.ValueKind.NUMBER, f.stringNode("x")).isString()).isTrue();
        assertThat(IotAgentMeasures.typed(org.saola.devices.profile.DeviceProfile.ValueKind.BOOLEAN, f.stringNode("false")).isBoolean())
                .isTrue();
        assertThat(IotAgentMeasures.typed(org.saola.devices.profile.DeviceProfile.ValueKind.TEXT, f.stringNode("15")).isString()).isTrue();
        assertThat(IotAgentMeasures.instant("2026-02-01T10:00:00+07:00")).isEqualTo("2026-02-01T03:00:00Z");
    }
}
