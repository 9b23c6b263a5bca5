package org.saola.alerts.warnings;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.saola.alerts.cap.CapMessage;
import org.saola.alerts.cap.CapProfile;
import org.saola.alerts.cap.CapSchema;
import org.saola.alerts.cap.CapXml;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.events.DomainEvents;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public early warnings in OASIS CAP 1.2. An operator (or a rule, when its alert is raised) issues a warning; later
 * messages update or cancel it, each referencing all the earlier ones. Every message is composed from a checked
 * draft, written as XML, validated against Saola's CAP 1.2 schema and the aggregators' rules, and kept exactly as it
 * will be served: a published message never changes.
 */
public class WarningService {

    /** The feed lists messages of the last week, and every message of a warning still in effect. */
    public static final Duration FEED_WINDOW = Duration.ofDays(7);

    private final WarningStore store;
    private final WarningSettings settings;
    private final Departments departments;
    private final AuditLog audit;
    private final DomainEvents events;
    private final InstantSource clock;
    private final JsonMapper json;
    private final WarningSubscriptions subscriptions;
    private final java.time.format.DateTimeFormatter time;
    private final WardAreas wardAreas;

    public WarningService(WarningStore store, WarningSettings settings, Departments departments, AuditLog audit,
            DomainEvents events, InstantSource clock, JsonMapper json, WarningSubscriptions subscriptions,
            WardAreas wardAreas) {
        this.subscriptions = subscriptions;
        this.wardAreas = wardAreas;
        this.time = java.time.format.DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(settings.zone());
        this.store = store;
        this.settings = settings;
        this.departments = departments;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    public WarningSettings settings() {
        return settings;
    }

    /** The wards the city's departments answer for: the names a warning may choose. */
    public Set<String> wards(TenantId tenant) {
        Set<String> wards = new TreeSet<>();
        for (Department d : departments.list(tenant)) {
            wards.addAll(d.wards());
        }
        return wards;
    }

    /** Issues a new warning ({@code Alert}); {@code alert}: the alert whose rule issued it. */
    @Transactional
    public Warning issue(TenantId tenant, String author, WarningDraft draft, Optional<UUID> alert) {
        UUID id = UUID.randomUUID();
        return publish(tenant, id, id, "Alert", author, draft, List.of(), Optional.empty(), alert);
    }

    /** Publishes an {@code Update} of a warning, with new content, referencing all its earlier messages. */
    @Transactional
    public Warning update(TenantId tenant, UUID warning, String author, WarningDraft draft) {
        store.lock(tenant, warning);
        List<Warning> chain = chain(tenant, warning);
        Warning last = chain.get(chain.size() - 1);
        if (last.cancelled()) {
            throw new ConflictException("warning " + warning + " was cancelled; issue a new one");
        }
        return publish(tenant, UUID.randomUUID(), warning, "Update", author, draft, chain, Optional.empty(),
                last.alertId());
    }

    /**
     * Publishes a {@code Cancel} of a warning in effect: its last content, with a note saying why, referencing all
     * its earlier messages.
     */
    @Transactional
    public Warning cancel(TenantId tenant, UUID warning, String author, String note) {
        store.lock(tenant, warning);
        List<Warning> chain = chain(tenant, warning);
        Warning last = chain.get(chain.size() - 1);
        Instant now = clock.instant();
        if (last.cancelled()) {
            throw new ConflictException("warning " + warning + " is cancelled already");
        }
        if (!last.expires().isAfter(now)) {
            throw new ConflictException("warning " + warning + " expired at " + last.expires() + "; there is nothing to cancel");
        }
        String why = note == null ? "" : note.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw new InvalidInputException("note", "a cancellation says why, in at most 1000 characters");
        }
        WarningDraft draft = json.readValue(last.draftJson(), WarningDraft.class);
        return publish(tenant, UUID.randomUUID(), warning, "Cancel", author, draft, chain, Optional.of(why), last.alertId());
    }

    /**
     * Issues the warning of a rule whose alert was just raised, in the engine's transaction; not
     * {@code @Transactional} on purpose, so a warning that cannot be composed (its entity has no location, a
     * template made the headline too long) is reported and the alert stands, rather than the engine's transaction
     * being marked for rollback. The problem, if any.
     */
    public Optional<String> issueForAlert(TenantId tenant, WarningDraft draft, UUID alert) {
        try {
            UUID id = UUID.randomUUID();
            publish(tenant, id, id, "Alert", RULE_AUTHOR, draft, List.of(), Optional.empty(), Optional.of(alert));
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Cancels the warning a rule issued for an alert now resolved, if it is still in effect (in the caller's
     * transaction, as {@link #issueForAlert}). The problem, if any.
     */
    public Optional<String> cancelForAlert(TenantId tenant, UUID alert, String why) {
        Optional<UUID> warning = store.warningOfAlert(tenant, alert);
        if (warning.isEmpty()) {
            return Optional.empty();
        }
        store.lock(tenant, warning.get());
        List<Warning> chain = store.chain(tenant, warning.get());
        Warning last = chain.get(chain.size() - 1);
        if (!last.inEffect(clock.instant())) {
            return Optional.empty();                 // cancelled by hand already, or expired: nothing to withdraw
        }
        try {
            publish(tenant, UUID.randomUUID(), warning.get(), "Cancel", RULE_AUTHOR,
                    json.readValue(last.draftJson(), WarningDraft.class), chain, Optional.of(why), last.alertId());
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The author of the warnings rules issue. */
    public static final String RULE_AUTHOR = "rule";

    private Warning publish(TenantId tenant, UUID id, UUID warning, String msgType, String author, WarningDraft draft,
            List<Warning> earlier, Optional<String> note, Optional<UUID> alert) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // A Cancel repeats what was published: its wards are not checked again against today's departments.
        WarningComposer.Composed c = WarningComposer.compose(draft, warning, settings,
                msgType.equals("Cancel") ? Set.of() : wards(tenant), now);
        String identifier = "saola-" + id;
        List<CapMessage.Reference> references = new ArrayList<>();
        for (Warning e : earlier) {
            references.add(new CapMessage.Reference(settings.sender(), e.identifier(), e.sent()));
        }
        CapMessage message = new CapMessage(identifier, settings.sender(), now, c.status(), msgType, note, references, c.infos());
        String xml = CapXml.write(message, settings.zone());
        Optional<String> invalid = CapSchema.problem(xml);
        if (invalid.isPresent()) {
            throw new InvalidInputException("body", "the warning does not make a valid CAP 1.2 message: " + invalid.get());
        }
        List<String> problems = CapProfile.problems(xml, known -> store.identifierKnown(tenant, known));
        if (!problems.isEmpty()) {
            throw new InvalidInputException("body", "the warning breaks the rules public alert aggregators apply: "
                    + String.join("; ", problems));
        }
        // The wards it names, and those whose areas its polygons and circles meet: whoever chose those wards is told.
        Set<String> reached = new TreeSet<>();
        for (WarningComposer.Area a : c.areas()) {
            reached.addAll(a.wards());
            if (!a.polygons().isEmpty() || !a.circles().isEmpty()) {
                reached.addAll(wardAreas.meeting(tenant, a.polygons(), a.circles()));
            }
        }
        List<String> wards = List.copyOf(reached);
        Warning w = new Warning(id, warning, identifier, msgType, c.status(), now, c.expires(), c.severity(), c.urgency(),
                c.event(), c.headline(), json.writeValueAsString(draft), json.writeValueAsString(c.areas()), alert, author);
        store.insert(tenant, w, xml);
        subscriptions.enqueue(tenant, warning, c.status(), msgType, wards, c.infos(), note, settings.page(warning), time,
                c.severity(), c.expires());
        audit.record(tenant, "WARNING_" + switch (msgType) {
            case "Alert" -> "ISSUED";
            case "Update" -> "UPDATED";
            default -> "CANCELLED";
        }, warning.toString(), note.orElse(""), Map.of("identifier", identifier, "headline", c.headline().en()));
        events.publish(new WarningPublished(tenant, warning, id, msgType, c.severity(), wards, now));
        return w;
    }

    /** A warning's messages, oldest first. */
    public List<Warning> chain(TenantId tenant, UUID warning) {
        List<Warning> chain = store.chain(tenant, warning);
        if (chain.isEmpty()) {
            throw new NotFoundException("no warning " + warning);
        }
        return chain;
    }

    /** The warnings in effect now (the last message of each, newest first). */
    public List<Warning> current(TenantId tenant) {
        Instant now = clock.instant();
        return store.latest(tenant, now, 500).stream().filter(w -> w.inEffect(now)).toList();
    }

    /** The last message of each warning, in effect or not, newest first (staff). */
    public List<Warning> recent(TenantId tenant, int limit) {
        return store.latest(tenant, Instant.EPOCH, limit);
    }

    /** What the Atom feed lists: the messages of the last week, and all those of warnings still in effect. */
    public List<Warning> feed(TenantId tenant) {
        Instant now = clock.instant();
        return store.feed(tenant, now.minus(FEED_WINDOW), now, 500);
    }

    public Warning message(TenantId tenant, UUID message) {
        return store.find(tenant, message).orElseThrow(() -> new NotFoundException("no warning message " + message));
    }

    /** A message exactly as published. */
    public String xml(TenantId tenant, UUID message) {
        return store.xml(tenant, message).orElseThrow(() -> new NotFoundException("no warning message " + message));
    }

    /** The warning a rule issued for this alert, if any. */
    public Optional<UUID> warningOfAlert(TenantId tenant, UUID alert) {
        return store.warningOfAlert(tenant, alert);
    }

    public Instant now() {
        return clock.instant();
    }
}
