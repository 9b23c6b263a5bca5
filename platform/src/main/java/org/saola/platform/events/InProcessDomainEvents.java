package org.saola.platform.events;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** {@link DomainEvents} within this process: Spring's event publisher, after commit. */
@Component
class InProcessDomainEvents implements DomainEvents {

    private final ApplicationEventPublisher publisher;

    InProcessDomainEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(Object event) {
        AfterCommit.run(() -> publisher.publishEvent(event));
    }
}
