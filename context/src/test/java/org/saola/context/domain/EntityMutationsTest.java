package org.saola.context.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.saola.context.store.Effect;
import org.saola.context.store.EntityRow;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EntityMutationsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-23T09:00:00Z");
    private static final String ID = "urn:ngsi-ld:T:1";

    private static ObjectNode json(String s) {
        return (ObjectNode) JSON.readTree(s);
    }

    private static EntityRow created() {
        Effect e = EntityMutations.create(ID, "T", json("""
                {"t": {"type": "Property", "value": 1, "unitCode": "CEL"}, "n": {"type": "Property", "value": "x"}}"""))
                .apply(Optional.empty(), T0);
        return ((Effect.Write) e).row();
    }

    @Test
    void createStampsEachAttributeAndRecordsItsHistoryWithoutSystemTimes() {
        Effect e = EntityMutations.create(ID, "T", json("{\"t\": {\"type\": \"Property\", \"value\": 1}}"))
                .apply(Optional.empty(), T0);
        Effect.Write w = (Effect.Write) e;
        assertThat(w.row().attributes().at("/t/createdAt").asString()).isEqualTo(T0.toString());
        assertThat(w.row().createdAt()).isEqualTo(T0);
        assertThat(w.history().get("t").has("createdAt")).isFalse();
        assertThatThrownBy(() -> EntityMutations.create(ID, "T", json("{}")).apply(Optional.of(w.row()), T1))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aPartialUpdateKeepsUnmentionedMembersAndTheAttributesCreationTime() {
        Effect.Write w = (Effect.Write) EntityMutations.updateAttribute(ID, "t", json("{\"value\": 2}"))
                .apply(Optional.of(created()), T1);
        ObjectNode t = (ObjectNode) w.row().attributes().get("t");
        assertThat(t.get("value").asInt()).isEqualTo(2);
        assertThat(t.get("unitCode").asString()).isEqualTo("CEL");
        assertThat(t.get("createdAt").asString()).isEqualTo(T0.toString());
        assertThat(t.get("modifiedAt").asString()).isEqualTo(T1.toString());
        assertThat(w.row().modifiedAt()).isEqualTo(T1);
        assertThat(w.history().propertyNames()).containsExactly("t");
    }

    /**
     * A partial update, a replacement, a device's reading or a merge leaves the previous state as it was (the group
     * commit keeps it, and change hooks see it as "before"), and shares the untouched attributes with it rather than
     * copying them.
     */
    @Test
    void anAttributeWriteLeavesThePreviousStateWholeAndSharesTheRest() {
        EntityRow before = created();
        String was = before.attributes().toString();
        Effect.Write w = (Effect.Write) EntityMutations.updateAttribute(ID, "t", json("{\"value\": 2, \"unitCode\": \"FAH\"}"))
                .apply(Optional.of(before), T1);
        Effect.Write r = (Effect.Write) EntityMutations.replaceAttribute(ID, "n", json("{\"type\": \"Property\", \"value\": \"y\"}"),
                EntityMutations.Check.NONE).apply(Optional.of(w.row()), T1);
        assertThat(before.attributes().toString()).isEqualTo(was);
        assertThat(w.row().attributes().at("/t/unitCode").asString()).isEqualTo("FAH");
        assertThat(r.row().attributes().at("/n/value").asString()).isEqualTo("y");
        assertThat(r.row().attributes().at("/t/value").asInt()).isEqualTo(2);
        assertThat(w.row().attributes().at("/n/value").asString()).as("the replaced attribute's previous state").isEqualTo("x");
        assertThat(w.row().attributes().get("n")).isSameAs(before.attributes().get("n"));
        assertThat(r.row().attributes().get("t")).isSameAs(w.row().attributes().get("t"));

        // A device's reading and a merge, likewise.
        Effect.Write o = (Effect.Write) EntityMutations.observe(ID, "T", json(
                "{\"t\": {\"type\": \"Property\", \"value\": 5, \"observedAt\": \"2026-11-23T08:30:00Z\"}}"))
                .apply(Optional.of(r.row()), T1);
        Effect.Write m = (Effect.Write) EntityMutations.merge(ID, "T", json("{\"n\": {\"type\": \"Property\", \"value\": \"z\"}}"))
                .apply(Optional.of(o.row()), T1);
        assertThat(r.row().attributes().at("/t/value").asInt()).isEqualTo(2);
        assertThat(o.row().attributes().at("/t/value").asInt()).isEqualTo(5);
        assertThat(o.row().attributes().at("/n/value").asString()).isEqualTo("y");
        assertThat(m.row().attributes().at("/n/value").asString()).isEqualTo("z");
        assertThat(o.row().attributes().get("n")).isSameAs(r.row().attributes().get("n"));
        assertThat(m.row().attributes().get("t")).isSameAs(o.row().attributes().get("t"));
    }

    @Test
    void aPartialUpdateCannotChangeTheAttributeType() {
        assertThatThrownBy(() -> EntityMutations.updateAttribute(ID, "t", json("{\"type\": \"Relationship\"}"))
                .apply(Optional.of(created()), T1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void updateReportsAttributesTheEntityLacksAndChangesNothingIfNoneMatch() {
        Effect e = EntityMutations.update(ID, json("{\"zz\": {\"type\": \"Property\", \"value\": 1}}"))
                .apply(Optional.of(created()), T1);
        assertThat(e).isInstanceOf(Effect.Unchanged.class);
        UpdateResult r = (UpdateResult) e.result();
        assertThat(r.updated()).isEmpty();
        assertThat(r.notUpdated()).extracting(UpdateResult.NotUpdated::attributeName).containsExactly("zz");
    }

    @Test
    void appendWithNoOverwriteKeepsExistingAttributes() {
        Effect.Write w = (Effect.Write) EntityMutations.append(ID, json("""
                {"t": {"type": "Property", "value": 9}, "u": {"type": "Property", "value": 3}}"""), true)
                .apply(Optional.of(created()), T1);
        assertThat(w.row().attributes().at("/t/value").asInt()).isEqualTo(1);
        assertThat(w.row().attributes().at("/u/value").asInt()).isEqualTo(3);
        assertThat(((UpdateResult) w.result()).notUpdated()).hasSize(1);
    }

    @Test
    void operationsOnAMissingEntityOrAttributeAreNotFound() {
        assertThatThrownBy(() -> EntityMutations.delete(ID).apply(Optional.empty(), T1))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> EntityMutations.deleteAttribute(ID, "zz").apply(Optional.of(created()), T1))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("zz");
    }

    @Test
    void replaceKeepsTheCreationTimeOnly() {
        Effect.Write w = (Effect.Write) EntityMutations.replace(ID, "U", json("{\"u\": {\"type\": \"Property\", \"value\": 3}}"))
                .apply(Optional.of(created()), T1);
        assertThat(w.row().type()).isEqualTo("U");
        assertThat(w.row().attributes().propertyNames()).containsExactly("u");
        assertThat(w.row().createdAt()).isEqualTo(T0);
    }

    private static ObjectNode reading(double v, Instant at) {
        return json("{\"pm25\": {\"type\": \"Property\", \"value\": " + v + ", \"observedAt\": \"" + at + "\"}}");
    }

    @Test
    void readingsAreMergedInObservationOrderAndAResendChangesNothing() {
        Effect.Write first = (Effect.Write) EntityMutations.observe(ID, "T", reading(10, T1)).apply(Optional.empty(), T1);
        EntityRow row = first.row();
        assertThat(first.history().propertyNames()).containsExactly("pm25");
        assertThat(first.late().isEmpty()).isTrue();

        Effect again = EntityMutations.observe(ID, "T", reading(10, T1)).apply(Optional.of(row), T1.plusSeconds(5));
        assertThat(again).as("the held instance sent again").isInstanceOf(Effect.Unchanged.class);
        EntityRow readBack = new EntityRow(ID, row.types(), (ObjectNode) JSON.readTree(row.attributes().toString()
                .replace("10.0", "10")), row.createdAt(), row.modifiedAt(), row.scopes());
        assertThat(EntityMutations.observe(ID, "T", reading(10, T1)).apply(Optional.of(readBack), T1.plusSeconds(6)))
                .as("a number read back from the database in another form").isInstanceOf(Effect.Unchanged.class);

        Effect.Write late = (Effect.Write) EntityMutations.observe(ID, "T", reading(7, T0)).apply(Optional.of(row), T1.plusSeconds(9));
        assertThat(late.history().isEmpty()).isTrue();
        assertThat(late.late().at("/pm25/value").asDouble()).isEqualTo(7.0);
        assertThat(late.row().attributes().at("/pm25/value").asDouble()).as("the latest stays the latest").isEqualTo(10.0);
        assertThat(late.row().modifiedAt()).isEqualTo(row.modifiedAt());

        Effect.Write newer = (Effect.Write) EntityMutations.observe(ID, "T", reading(12, T1.plusSeconds(60)))
                .apply(Optional.of(row), T1.plusSeconds(61));
        assertThat(newer.row().attributes().at("/pm25/value").asDouble()).isEqualTo(12.0);
        assertThat(newer.history().propertyNames()).containsExactly("pm25");

        Effect.Write corrected = (Effect.Write) EntityMutations.observe(ID, "T", reading(11, T1)).apply(Optional.of(row), T1.plusSeconds(70));
        assertThat(corrected.row().attributes().at("/pm25/value").asDouble()).as("same time, another value: taken").isEqualTo(11.0);
    }
}
