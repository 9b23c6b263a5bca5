package org.saola.opendata.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.opendata.store.AgreementStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Secrets;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data that is not open, shared under a recorded agreement (issue #20, item 7): with a named department, another
 * city or a partner, for a stated purpose, on a legal basis, with the fields the party may read, the terms of use
 * and of intellectual property, and an expiry. The party reads through keys scoped to the agreement, which work only
 * while it is in force (from its start to its expiry, unless ended before); every use is recorded for the data owner
 * (the department that publishes the datasets shared). The list of agreements is public, without keys or contacts.
 */
public class DataSharing {

    /** Whom the city shares with. */
    public enum PartyKind {
        /** One of the city's own departments (a silo opened to another). */
        DEPARTMENT,
        /** Another city or public body. */
        CITY,
        /** A company, university or association. */
        PARTNER
    }

    /** Where an agreement stands at an instant. */
    public enum Status {
        PENDING, ACTIVE, EXPIRED, ENDED
    }

    /** The party: its kind, its name, the department's code when it is one of the city's, and whom the owner deals with. */
    public record Party(PartyKind kind, String name, Optional<String> department, Optional<String> contact) {
    }

    /** A dataset an agreement shares, with the fields (column ids) the party may read. */
    public record Shared(UUID datasetId, String datasetName, List<String> fields) {
        public Shared {
            fields = List.copyOf(fields);
        }
    }

    public record Agreement(UUID id, String title, Party party, Optional<String> owner, String purpose, String legalBasis, String licence,
            String intellectualProperty, Instant starts, Instant expires, Optional<Instant> ended, Optional<String> endReason,
            List<Shared> datasets, String createdBy, Instant created) {

        public Agreement {
            datasets = List.copyOf(datasets);
        }

        public Status status(Instant now) {
            if (ended.isPresent()) {
                return Status.ENDED;
            }
            if (now.isBefore(starts)) {
                return Status.PENDING;
            }
            return now.isBefore(expires) ? Status.ACTIVE : Status.EXPIRED;
        }

        /**
         * Whether a caller with this department scope (empty: all) reads it: the data owner's departments do, an
         * agreement over data no department publishes only unscoped staff.
         */
        public boolean visibleTo(Optional<Set<String>> scope) {
            return scope.isEmpty() || owner.filter(scope.get()::contains).isPresent();
        }

        public Optional<Shared> sharing(UUID dataset) {
            return datasets.stream().filter(s -> s.datasetId().equals(dataset)).findFirst();
        }
    }

    /** What staff record: the agreement's terms and, per dataset (by name), the fields shared. */
    public record Draft(String title, PartyKind partyKind, String partyName, String partyDepartment, String partyContact, String purpose,
            String legalBasis, String licence, String intellectualProperty, Instant starts, Instant expires, List<DraftDataset> datasets) {
    }

    public record DraftDataset(String dataset, List<String> fields) {
    }

    /** A key of an agreement, as listed (never its secret, shown once when issued). */
    public record Key(UUID id, UUID agreement, String name, String createdBy, Instant created, Optional<Instant> revoked) {
    }

    public record IssuedKey(Key key, String secret) {
    }

    /** One use of a key: what was asked of which dataset, how many rows went out, or why it was refused. */
    public record Use(long id, UUID key, String keyName, Instant at, String action, String dataset, long rows, boolean allowed,
            Optional<String> detail) {
    }

    /** How much an agreement was used: allowed uses, refused attempts, the last allowed use. */
    public record UseSummary(long uses, long refused, Optional<Instant> last) {
        public static final UseSummary NONE = new UseSummary(0, 0, Optional.empty());
    }

    /**
     * A caller who presented a key this tenant issued: the agreement and the key, which may no longer open
     * anything ({@link #refusal}).
     */
    public record Access(TenantId tenant, Agreement agreement, Key key) {

        /** Why this key opens nothing at {@code now}, or empty when the agreement is in force and the key not revoked. */
        public Optional<String> refusal(Instant now) {
            if (key.revoked().isPresent()) {
                return Optional.of("the key was revoked");
            }
            return switch (agreement.status(now)) {
                case ACTIVE -> Optional.empty();
                case PENDING -> Optional.of("the agreement starts on " + agreement.starts());
                case EXPIRED -> Optional.of("the agreement expired on " + agreement.expires());
                case ENDED -> Optional.of("the agreement was ended");
            };
        }

        /** The dataset as this agreement shares it (only the fields shared), if it does. */
        public Optional<Dataset> view(Dataset d) {
            return agreement.sharing(d.id()).map(s -> d.only(s.fields()));
        }

        /** Whether the agreement shares every text column of {@code d}, so that a search over the whole row reveals nothing more. */
        public boolean sharesAllText(Dataset d) {
            Set<String> fields = agreement.sharing(d.id()).map(s -> Set.copyOf(s.fields())).orElse(Set.of());
            return d.columns().stream().filter(c -> c.type() == DataColumn.Type.TEXT).allMatch(c -> fields.contains(c.id()));
        }
    }

    /** What every agreement key starts with (CKAN clients send it as they send a CKAN API token). */
    public static final String KEY_PREFIX = "saola-share_";
    private static final Duration LONGEST = Duration.ofDays(3653);

    private final AgreementStore store;
    private final Catalogue catalogue;
    private final Departments departments;
    private final AuditLog audit;
    private final InstantSource clock;

    public DataSharing(AgreementStore store, Catalogue catalogue, Departments departments, AuditLog audit, InstantSource clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.departments = departments;
        this.audit = audit;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Records an agreement: its terms checked, each dataset shared (not open) with fields it has, all of one owner. */
    @Transactional
    public Agreement record(TenantId tenant, Draft draft, String by) {
        Instant now = clock.instant();
        if (draft.partyKind() == null) {
            throw new InvalidInputException("partyKind", "partyKind is DEPARTMENT, CITY or PARTNER");
        }
        Optional<String> partyDepartment = Optional.ofNullable(draft.partyDepartment()).filter(s -> !s.isBlank()).map(String::strip);
        String partyName;
        if (draft.partyKind() == PartyKind.DEPARTMENT) {
            String code = partyDepartment.orElseThrow(() -> new InvalidInputException("partyDepartment",
                    "a department party names the department (its code)"));
            var dep = departments.find(tenant, code).orElseThrow(() -> new InvalidInputException("partyDepartment", "no department '" + code + "'"));
            partyName = draft.partyName() == null || draft.partyName().isBlank() ? dep.nameVi() : text("partyName", draft.partyName(), 200);
        } else {
            if (partyDepartment.isPresent()) {
                throw new InvalidInputException("partyDepartment", "only a DEPARTMENT party names one of the city's departments");
            }
            partyName = text("partyName", draft.partyName(), 200);
        }
        Optional<String> contact = Optional.ofNullable(draft.partyContact()).filter(s -> !s.isBlank()).map(s -> text("partyContact", s, 200));
        Instant starts = draft.starts() == null ? now : draft.starts();
        if (draft.expires() == null) {
            throw new InvalidInputException("expires", "an agreement has an expiry (expires, an ISO 8601 instant)");
        }
        if (!draft.expires().isAfter(starts) || !draft.expires().isAfter(now)) {
            throw new InvalidInputException("expires", "expires is after the start and in the future");
        }
        if (Duration.between(starts, draft.expires()).compareTo(LONGEST) > 0) {
            throw new InvalidInputException("expires", "an agreement lasts at most ten years; record a new one when it ends");
        }
        if (draft.datasets() == null || draft.datasets().isEmpty() || draft.datasets().size() > 50) {
            throw new InvalidInputException("datasets", "an agreement shares 1-50 datasets, each with its fields");
        }
        List<Shared> shared = new ArrayList<>();
        Set<String> owners = new HashSet<>();
        Set<UUID> seen = new HashSet<>();
        for (DraftDataset dd : draft.datasets()) {
            if (dd == null || dd.dataset() == null) {
                throw new InvalidInputException("datasets", "each shared dataset names a dataset of the catalogue");
            }
            Dataset d = catalogue.findAny(tenant, dd.dataset())
                    .orElseThrow(() -> new InvalidInputException("datasets", "no dataset '" + dd.dataset() + "' in the catalogue"));
            if (d.open()) {
                throw new InvalidInputException("datasets", "'" + d.name() + "' is open: anyone may read it already; an agreement shares"
                        + " datasets whose access is 'shared'");
            }
            if (!seen.add(d.id())) {
                throw new InvalidInputException("datasets", "'" + d.name() + "' is named twice");
            }
            List<String> columns = d.columns().stream().map(DataColumn::id).toList();
            if (d.document()) {                           // a document is shared whole: it has no fields
                owners.add(d.department().orElse(""));
                shared.add(new Shared(d.id(), d.name(), List.of()));
                continue;
            }
            if (dd.fields() == null || dd.fields().isEmpty()) {
                throw new InvalidInputException("datasets", "say which fields of '" + d.name() + "' are shared: " + columns);
            }
            List<String> fields = new ArrayList<>();
            for (String f : dd.fields()) {
                if (!columns.contains(f)) {
                    throw new InvalidInputException("datasets", "'" + d.name() + "' has no field '" + f + "'; its fields are " + columns);
                }
                if (!fields.contains(f)) {
                    fields.add(f);
                }
            }
            owners.add(d.department().orElse(""));
            shared.add(new Shared(d.id(), d.name(), fields));
        }
        if (owners.size() > 1) {
            throw new InvalidInputException("datasets", "an agreement shares the data of one publisher; these datasets have "
                    + owners.size() + " (record one agreement per department)");
        }
        Optional<String> owner = owners.stream().filter(s -> !s.isEmpty()).findFirst();
        if (draft.partyKind() == PartyKind.DEPARTMENT && owner.equals(partyDepartment)) {
            throw new InvalidInputException("partyDepartment", "the department publishes these datasets already");
        }
        Agreement a = new Agreement(UUID.randomUUID(), text("title", draft.title(), 200),
                new Party(draft.partyKind(), partyName, partyDepartment, contact), owner, text("purpose", draft.purpose(), 4000),
                text("legalBasis", draft.legalBasis(), 2000), text("licence", draft.licence(), 4000),
                text("intellectualProperty", draft.intellectualProperty(), 4000), starts, draft.expires(), Optional.empty(), Optional.empty(),
                shared, by, now);
        store.insert(tenant, a);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("party", a.party().kind().name() + ": " + a.party().name());
        details.put("datasets", shared.stream().map(Shared::datasetName).toList());
        details.put("expires", a.expires().toString());
        audit.record(tenant, by, "DATA_AGREEMENT_RECORDED", "data-agreement:" + a.id(), "", details);
        return a;
    }

    /**
     * Refuses to give a dataset shared under an agreement still in force (or yet to start) another publisher: the
     * publisher is the agreement's data owner, who alone reads its uses; end the agreement and record a new one.
     */
    public void checkPublisherChange(TenantId tenant, Dataset d, Optional<String> department) {
        if (department.equals(d.department())) {
            return;
        }
        Instant now = clock.instant();
        for (Agreement a : store.list(tenant)) {
            Status s = a.status(now);
            if ((s == Status.ACTIVE || s == Status.PENDING) && a.sharing(d.id()).isPresent()) {
                throw new ConflictException("'" + d.name() + "' is shared under the agreement '" + a.title() + "' (" + a.id()
                        + "), whose data owner is its publisher; end that agreement before giving the dataset another publisher");
            }
        }
    }

    public List<Agreement> list(TenantId tenant) {
        return store.list(tenant);
    }

    public Agreement agreement(TenantId tenant, UUID id) {
        return store.find(tenant, id).orElseThrow(() -> new NotFoundException("no data-sharing agreement " + id));
    }

    public Map<UUID, UseSummary> useSummaries(TenantId tenant) {
        return store.useSummaries(tenant);
    }

    /** Ends an agreement before it expires: its keys open nothing from now on. */
    @Transactional
    public Agreement end(TenantId tenant, UUID id, String reason, String by) {
        Agreement a = agreement(tenant, id);
        String why = text("reason", reason, 2000);
        Instant now = clock.instant();
        if (a.status(now) == Status.EXPIRED) {
            throw new ConflictException("the agreement expired on " + a.expires() + ": there is nothing left to end");
        }
        if (!store.end(tenant, id, now, why)) {
            throw new ConflictException("the agreement has ended already");
        }
        audit.record(tenant, by, "DATA_AGREEMENT_ENDED", "data-agreement:" + id, why, Map.of());
        return agreement(tenant, id);
    }

    /** A new key for the party; its secret is shown once. Not for an agreement that has ended or expired. */
    @Transactional
    public IssuedKey issue(TenantId tenant, UUID agreement, String name, String by) {
        Agreement a = agreement(tenant, agreement);
        Status s = a.status(clock.instant());
        if (s == Status.ENDED || s == Status.EXPIRED) {
            throw new ConflictException("the agreement is " + s.name().toLowerCase(java.util.Locale.ROOT) + ": its data is no longer shared");
        }
        String secret = KEY_PREFIX + Secrets.generate(32);
        Key k = new Key(UUID.randomUUID(), agreement, text("name", name, 100), by, clock.instant(), Optional.empty());
        store.insertKey(tenant, k, Secrets.sha256(secret));
        audit.record(tenant, by, "DATA_AGREEMENT_KEY_ISSUED", "data-agreement:" + agreement, "", Map.of("key", k.id().toString(), "name", k.name()));
        return new IssuedKey(k, secret);
    }

    @Transactional
    public void revoke(TenantId tenant, UUID agreement, UUID key, String by) {
        agreement(tenant, agreement);
        if (!store.revokeKey(tenant, agreement, key, clock.instant())) {
            throw new NotFoundException("no key " + key + " in force for this agreement");
        }
        audit.record(tenant, by, "DATA_AGREEMENT_KEY_REVOKED", "data-agreement:" + agreement, "", Map.of("key", key.toString()));
    }

    public List<Key> keys(TenantId tenant, UUID agreement) {
        return store.keys(tenant, agreement);
    }

    /** Who holds {@code secret}, if the tenant issued it (in force or not: {@link Access#refusal}). */
    public Optional<Access> presented(TenantId tenant, String secret) {
        if (secret == null || !secret.startsWith(KEY_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        return store.keyByHash(tenant, Secrets.sha256(secret))
                .flatMap(k -> store.find(tenant, k.agreement()).map(a -> new Access(tenant, a, k)));
    }

    /** Records one use of a key (or a refused attempt), for the data owner to see. */
    public void used(Access access, String action, String dataset, long rows, boolean allowed, String detail) {
        store.use(access.tenant(), access.agreement().id(), access.key().id(), clock.instant(), action, dataset, rows, allowed,
                detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail);
    }

    public List<Use> uses(TenantId tenant, UUID agreement, int limit) {
        agreement(tenant, agreement);
        return store.uses(tenant, agreement, Math.max(1, Math.min(limit, 10_000)));
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw new InvalidInputException(field, field + " is 1-" + max + " characters");
        }
        return value.strip();
    }
}
