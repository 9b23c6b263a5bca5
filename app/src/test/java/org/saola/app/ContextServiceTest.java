package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityChange;
import org.saola.context.EntityUpdate;
import org.saola.context.query.EntityQuery;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.JsonNodeFactory;

/** The Java interface other modules use: write, query, and read every committed change from the feed. */
class ContextServiceTest extends PlatformTest {

    @Autowired
    ContextService context;

    @Test
    void modulesWriteQueryAndHearOfCommittedChanges() {
        String type = "FloodMonitoring" + UUID.randomUUID().toString().substring(0, 8);
        String typeIri = context.expand(type);
        Queue<EntityChange> heard = new ConcurrentLinkedQueue<>();
        context.consume("context-service-test-" + type, org.saola.context.FeedWatch.types(java.util.Set.of(type)), changes -> changes.stream()
                .filter(c -> c.entity().type().equals(typeIri)).forEach(heard::add));

        String id = "urn:ngsi-ld:" + type + ":han-river-1";
        context.upsert(new EntityUpdate(TenantId.DEFAULT, id, type, Map.of("waterLevel",
                Attribute.property(JsonNodeFactory.instance.numberNode(2.4), Instant.now(), "MTR")))).join();
        SaolaClient api = client().withApiKey(client().issueApiKey("context service test"));
        assertThat(api.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/waterLevel", "{\"value\": 3.1}").status())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
        EntityChange first = heard.poll();
        assertThat(first.created()).isTrue();
        assertThat(first.written()).containsExactly(context.expand("waterLevel"));
        EntityChange second = heard.poll();
        assertThat(second.created()).isFalse();
        assertThat(second.entity().attributes().at("/" + context.expand("waterLevel").replace("/", "~1") + "/value")
                .asDouble()).isEqualTo(3.1);

        assertThat(context.query(EntityQuery.ofType(TenantId.DEFAULT, typeIri), 10, 0))
                .extracting(e -> e.id()).containsExactly(id);
        assertThat(context.count(EntityQuery.ofType(TenantId.DEFAULT, typeIri))).isEqualTo(1);
    }
}
