package org.saola.alerts.notify;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.alerts.domain.RuleActions;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's alert channels: checked when saved, named by rules. */
public class Channels {

    private final ChannelStore store;
    private final AuditLog audit;
    private final InstantSource clock;

    public Channels(ChannelStore store, AuditLog audit, InstantSource clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Channel> list(TenantId tenant) {
        return store.list(tenant);
    }

    public boolean exists(TenantId tenant, String name) {
        return store.find(tenant, name).isPresent();
    }

    @Transactional
    public Channel create(TenantId tenant, Channel.Draft d) {
        Instant now = clock.instant();
        Checked c = check(d, now, now, true);
        if (store.find(tenant, c.channel().name()).isPresent()) {
            throw new ConflictException("a channel named '" + c.channel().name() + "' exists already");
        }
        try {
            store.insert(tenant, c.channel(), c.secret());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ConflictException("a channel named '" + c.channel().name() + "' exists already");
        }
        audit.record(tenant, "ALERT_CHANNEL_CREATED", c.channel().name(), "", Map.of("kind", c.channel().kind().name()));
        return store.find(tenant, c.channel().name()).orElseThrow();
    }

    @Transactional
    public Channel update(TenantId tenant, String name, Channel.Draft d) {
        Channel before = store.find(tenant, name).orElseThrow(() -> new NotFoundException("no alert channel " + name));
        if (d == null) {
            throw new InvalidInputException("body", "a channel is a JSON object with kind and target");
        }
        Checked c = check(new Channel.Draft(name, d.kind(), d.target(), d.secret(), d.enabled()), before.createdAt(),
                clock.instant(), !before.hasSecret());
        store.update(tenant, c.channel(), c.secret());
        audit.record(tenant, "ALERT_CHANNEL_CHANGED", name, "", Map.of("kind", c.channel().kind().name()));
        return store.find(tenant, name).orElseThrow();
    }

    @Transactional
    public void delete(TenantId tenant, String name) {
        store.find(tenant, name).orElseThrow(() -> new NotFoundException("no alert channel " + name));
        List<String> rules = store.rulesNaming(tenant, name);
        if (!rules.isEmpty()) {
            throw new ConflictException("channel '" + name + "' is named by rules " + rules + "; change them first");
        }
        store.delete(tenant, name);
        audit.record(tenant, "ALERT_CHANNEL_DELETED", name, "", Map.of());
    }

    private record Checked(Channel channel, Optional<String> secret) {
    }

    private static Checked check(Channel.Draft d, Instant created, Instant now, boolean secretRequired) {
        if (d == null) {
            throw new InvalidInputException("body", "a channel is a JSON object with name, kind and target");
        }
        String name = d.name() == null ? "" : d.name().strip();
        if (!name.matches("[a-z0-9][a-z0-9-]{0,62}") || name.equals(RuleActions.DEPARTMENT)) {
            throw new InvalidInputException("name", "name is 1 to 63 lower-case letters, digits and dashes (not "
                    + "'department', which stands for the alert's department); got '" + d.name() + "'");
        }
        Channel.Kind kind;
        try {
            kind = Channel.Kind.valueOf(d.kind() == null ? "" : d.kind().strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind", "kind is EMAIL, SMS or WEBHOOK; got '" + d.kind() + "'");
        }
        String target = d.target() == null ? "" : d.target().strip();
        switch (kind) {
            case EMAIL -> {
                if (!target.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || target.length() > 254) {
                    throw new InvalidInputException("target", "an EMAIL channel's target is an e-mail address; got '" + target + "'");
                }
            }
            case SMS -> {
                if (!target.matches("\\+[1-9][0-9]{7,14}")) {
                    throw new InvalidInputException("target", "an SMS channel's target is a phone number in international "
                            + "form, such as +84905123456; got '" + target + "'");
                }
            }
            case WEBHOOK -> {
                URI uri;
                try {
                    uri = URI.create(target);
                } catch (IllegalArgumentException e) {
                    uri = null;
                }
                if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())
                        || target.length() > 2000) {
                    throw new InvalidInputException("target", "a WEBHOOK channel's target is an http(s) URL; got '" + target + "'");
                }
            }
        }
        Optional<String> secret = Optional.ofNullable(d.secret()).map(String::strip).filter(s -> !s.isEmpty());
        if (kind == Channel.Kind.WEBHOOK) {
            if (secret.isEmpty() && secretRequired) {
                throw new InvalidInputException("secret", "a WEBHOOK channel has a secret (16 to 200 characters): its "
                        + "calls are signed with it, so the receiver knows they come from Saola");
            }
            if (secret.isPresent() && (secret.get().length() < 16 || secret.get().length() > 200)) {
                throw new InvalidInputException("secret", "secret is 16 to 200 characters");
            }
        } else if (secret.isPresent()) {
            throw new InvalidInputException("secret", "only a WEBHOOK channel has a secret");
        }
        return new Checked(new Channel(name, kind, target, secret.isPresent(), d.enabled() == null || d.enabled(), created,
                now), secret);
    }
}
