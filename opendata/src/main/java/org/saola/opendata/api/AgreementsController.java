package org.saola.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saola.opendata.domain.DataSharing;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Data-sharing agreements (docs/opendata.md): recorded, keyed and ended by staff who manage the catalogue, read with
 * every use by the data owner (an officer sees the agreements sharing their own departments' datasets), and listed
 * publicly without keys or contacts.
 */
@RestController
class AgreementsController {

    record PartyView(String kind, String name, String department) {
    }

    record SharedView(String dataset, List<String> fields) {
    }

    /** An agreement as anyone may read it. */
    record PublicAgreement(String id, String title, String status, PartyView party, String owner, String purpose, String legalBasis,
            String licence, String intellectualProperty, String starts, String expires, String ended, String endReason,
            List<SharedView> datasets, long uses, String lastUse) {
    }

    record KeyView(String id, String name, String createdBy, String created, String revoked) {
        static KeyView of(DataSharing.Key k) {
            return new KeyView(k.id().toString(), k.name(), k.createdBy(), k.created().toString(), k.revoked().map(Instant::toString).orElse(null));
        }
    }

    /** An agreement as its owner and the staff who manage it read it: with the party's contact, who recorded it, its keys. */
    record StaffAgreement(PublicAgreement agreement, String partyContact, String createdBy, String created, long refusedUses,
            List<KeyView> keys) {
    }

    record UseView(String at, String key, String keyName, String action, String dataset, long rows, boolean allowed, String detail) {
    }

    record AgreementBody(String title, String partyKind, String partyName, String partyDepartment, String partyContact, String purpose,
            String legalBasis, String licence, String intellectualProperty, String starts, String expires, List<DatasetBody> datasets) {
    }

    record DatasetBody(String dataset, List<String> fields) {
    }

    record EndBody(String reason) {
    }

    record KeyBody(String name) {
    }

    record IssuedView(String id, String name, String secret, String use) {
    }

    private final DataSharing sharing;
    private final PublicTenant tenants;
    private final CityTime time;

    AgreementsController(DataSharing sharing, PublicTenant tenants, CityTime time) {
        this.sharing = sharing;
        this.tenants = tenants;
        this.time = time;
    }

    @GetMapping("/public/v1/opendata/agreements")
    @PublicRoute("the list of data-sharing agreements is public (who gets which data, why, on what terms), without keys or contacts")
    List<PublicAgreement> publicList(HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        Map<UUID, DataSharing.UseSummary> uses = sharing.useSummaries(tenant);
        Instant now = sharing.now();
        return sharing.list(tenant).stream().map(a -> view(a, uses.getOrDefault(a.id(), DataSharing.UseSummary.NONE), now)).toList();
    }

    @GetMapping("/api/v1/opendata/agreements")
    @RequiresPermission(Permission.DATA_SHARING_READ)
    List<StaffAgreement> list() {
        TenantId tenant = CurrentCaller.tenant();
        Map<UUID, DataSharing.UseSummary> uses = sharing.useSummaries(tenant);
        Instant now = sharing.now();
        var scope = CurrentCaller.principal().departmentScope();
        return sharing.list(tenant).stream().filter(a -> a.visibleTo(scope))
                .map(a -> staff(tenant, a, uses.getOrDefault(a.id(), DataSharing.UseSummary.NONE), now)).toList();
    }

    @PostMapping("/api/v1/opendata/agreements")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    ResponseEntity<StaffAgreement> record(@RequestBody AgreementBody body) {
        TenantId tenant = CurrentCaller.tenant();
        DataSharing.Agreement a = sharing.record(tenant, draft(body), CurrentCaller.principal().name());
        return ResponseEntity.status(HttpStatus.CREATED).body(staff(tenant, a, DataSharing.UseSummary.NONE, sharing.now()));
    }

    @GetMapping("/api/v1/opendata/agreements/{id}")
    @RequiresPermission(Permission.DATA_SHARING_READ)
    StaffAgreement one(@PathVariable UUID id) {
        TenantId tenant = CurrentCaller.tenant();
        DataSharing.Agreement a = owned(tenant, id);
        return staff(tenant, a, sharing.useSummaries(tenant).getOrDefault(id, DataSharing.UseSummary.NONE), sharing.now());
    }

    @GetMapping("/api/v1/opendata/agreements/{id}/uses")
    @RequiresPermission(Permission.DATA_SHARING_READ)
    List<UseView> uses(@PathVariable UUID id, @RequestParam(defaultValue = "100") int limit) {
        TenantId tenant = CurrentCaller.tenant();
        owned(tenant, id);
        if (limit < 1 || limit > 10_000) {
            throw new InvalidInputException("limit", "limit is 1-10000");
        }
        return sharing.uses(tenant, id, limit).stream().map(u -> new UseView(u.at().toString(), u.key().toString(), u.keyName(), u.action(),
                u.dataset(), u.rows(), u.allowed(), u.detail().orElse(null))).toList();
    }

    @PostMapping("/api/v1/opendata/agreements/{id}/end")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    StaffAgreement end(@PathVariable UUID id, @RequestBody EndBody body) {
        TenantId tenant = CurrentCaller.tenant();
        DataSharing.Agreement a = sharing.end(tenant, id, body.reason(), CurrentCaller.principal().name());
        return staff(tenant, a, sharing.useSummaries(tenant).getOrDefault(id, DataSharing.UseSummary.NONE), sharing.now());
    }

    @PostMapping("/api/v1/opendata/agreements/{id}/keys")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    ResponseEntity<IssuedView> issue(@PathVariable UUID id, @RequestBody KeyBody body) {
        DataSharing.IssuedKey k = sharing.issue(CurrentCaller.tenant(), id, body.name(), CurrentCaller.principal().name());
        return ResponseEntity.status(HttpStatus.CREATED).body(new IssuedView(k.key().id().toString(), k.key().name(), k.secret(),
                "send it as CKAN clients send a token: 'Authorization: <key>' or 'X-CKAN-API-Key: <key>'; it is shown only now"));
    }

    @PostMapping("/api/v1/opendata/agreements/{id}/keys/{key}/revoke")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    ResponseEntity<Void> revoke(@PathVariable UUID id, @PathVariable UUID key) {
        sharing.revoke(CurrentCaller.tenant(), id, key, CurrentCaller.principal().name());
        return ResponseEntity.noContent().build();
    }

    /** The agreement, if the caller's departments own it (an officer); a 404 otherwise, as if it were not there. */
    private DataSharing.Agreement owned(TenantId tenant, UUID id) {
        DataSharing.Agreement a = sharing.agreement(tenant, id);
        if (!a.visibleTo(CurrentCaller.principal().departmentScope())) {
            throw new NotFoundException("no data-sharing agreement " + id);
        }
        return a;
    }

    private DataSharing.Draft draft(AgreementBody b) {
        DataSharing.PartyKind kind;
        try {
            kind = b.partyKind() == null ? null : DataSharing.PartyKind.valueOf(b.partyKind().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("partyKind", "partyKind is DEPARTMENT, CITY or PARTNER; got '" + b.partyKind() + "'");
        }
        return new DataSharing.Draft(b.title(), kind, b.partyName(), b.partyDepartment(), b.partyContact(), b.purpose(), b.legalBasis(),
                b.licence(), b.intellectualProperty(), instant("starts", b.starts()), instant("expires", b.expires()),
                b.datasets() == null ? null : b.datasets().stream()
                        .map(d -> d == null ? null : new DataSharing.DraftDataset(d.dataset(), d.fields())).toList());
    }

    /**
     * An ISO 8601 instant with its offset, or a date in the city's time: a start at the start of that day, an
     * expiry at its end (the party has the whole of the last day it was told).
     */
    private Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.strip().length() == 10) {
                LocalDate day = LocalDate.parse(value.strip());
                return (field.equals("expires") ? day.plusDays(1) : day).atStartOfDay(time.zone()).toInstant();
            }
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is a date (2027-12-31) or an instant with its offset (2027-12-31T17:00:00Z); got '"
                    + value + "'");
        }
    }

    static PublicAgreement view(DataSharing.Agreement a, DataSharing.UseSummary uses, Instant now) {
        return new PublicAgreement(a.id().toString(), a.title(), a.status(now).name(),
                new PartyView(a.party().kind().name(), a.party().name(), a.party().department().orElse(null)), a.owner().orElse(null),
                a.purpose(), a.legalBasis(), a.licence(), a.intellectualProperty(), a.starts().toString(), a.expires().toString(),
                a.ended().map(Instant::toString).orElse(null), a.endReason().orElse(null),
                a.datasets().stream().map(s -> new SharedView(s.datasetName(), s.fields())).toList(), uses.uses(),
                uses.last().map(Instant::toString).orElse(null));
    }

    private StaffAgreement staff(TenantId tenant, DataSharing.Agreement a, DataSharing.UseSummary uses, Instant now) {
        return new StaffAgreement(view(a, uses, now), a.party().contact().orElse(null), a.createdBy(), a.created().toString(),
                uses.refused(), sharing.keys(tenant, a.id()).stream().map(KeyView::of).toList());
    }
}
