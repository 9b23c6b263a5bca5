package org.saola.alerts.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.saola.alerts.domain.AlertRaised;
import org.saola.alerts.domain.AlertResolved;
import org.saola.platform.TenantId;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells the open alert pages when an alert is raised or resolved (server-sent events), each page only of the
 * alerts its reader may see. Only the alert's id goes out; the page fetches what it shows through the usual
 * route, with the usual rules.
 */
@Component
class AlertStream {

    private static final Duration OPEN_FOR = Duration.ofMinutes(30);

    private record Reader(TenantId tenant, Set<String> departments) {
        boolean sees(TenantId t, String department) {
            return tenant.equals(t) && (departments == null || (department != null && departments.contains(department)));
        }
    }

    private final Map<SseEmitter, Reader> readers = new ConcurrentHashMap<>();

    /** A stream for a reader of {@code tenant} who sees the alerts of {@code departments} (null: all). */
    SseEmitter open(TenantId tenant, Set<String> departments) {
        SseEmitter emitter = new SseEmitter(OPEN_FOR.toMillis());
        readers.put(emitter, new Reader(tenant, departments));
        emitter.onCompletion(() -> readers.remove(emitter));
        emitter.onTimeout(() -> readers.remove(emitter));
        emitter.onError(e -> readers.remove(emitter));
        try {
            emitter.send(SseEmitter.event().comment("open"));
        } catch (IOException e) {
            readers.remove(emitter);
        }
        return emitter;
    }

    @EventListener
    void raised(AlertRaised e) {
        tell(e.tenant(), e.department(), e.alertId().toString());
    }

    @EventListener
    void acknowledged(org.saola.alerts.domain.AlertAcknowledged e) {
        tell(e.tenant(), e.department(), e.alertId().toString());
    }

    @EventListener
    void resolved(AlertResolved e) {
        tell(e.tenant(), e.department(), e.alertId().toString());
    }

    /** Ends the open streams when Saola stops, so that no page holds the shutdown up. */
    @jakarta.annotation.PreDestroy
    void close() {
        readers.keySet().forEach(SseEmitter::complete);
        readers.clear();
    }

    private void tell(TenantId tenant, String department, String alertId) {
        readers.forEach((emitter, reader) -> {
            if (reader.sees(tenant, department)) {
                try {
                    emitter.send(SseEmitter.event().name("alert").data(alertId));
                } catch (IOException | IllegalStateException gone) {
                    readers.remove(emitter);
                }
            }
        });
    }
}
