package org.saola.reports.domain;

import org.saola.platform.media.PhotoStore;
import org.saola.platform.media.Photos;
import org.saola.platform.media.StoredPhotos;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.events.DomainEvents;
import org.saola.platform.residents.Contact;
import org.saola.platform.residents.ResidentAccounts;
import org.saola.platform.residents.ResidentMessages;
import org.saola.platform.security.Departments;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.reports.ServiceRequestFiled;
import org.saola.reports.ServiceRequestStatusChanged;
import org.saola.reports.store.CatalogueStore;
import org.saola.reports.store.ReportStore;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' reports: the catalogue they are filed against, filing (with photos and an optional contact),
 * duplicates nearby, supports, and the departments' workflow with the reporter told of every public step.
 * A caller scoped to departments (an officer, or a key given a department) sees and works only the reports of
 * those departments.
 */
public class ReportService {

    /**
     * Who filed a report and how to reach them: for staff handling it, every read audited; {@code verified}: the
     * reporter proved the contact with a one-time code (signed in), not only typed it.
     */
    public record Reporter(Optional<Contact> contact, Optional<String> name, boolean verified) {
    }

    private final CatalogueStore catalogue;
    private final ReportStore reports;
    private final PhotoStore photos;
    private final ResidentAccounts residents;
    private final ResidentMessages messages;
    private final Departments departments;
    private final DomainEvents events;
    private final AuditLog audit;
    private final InstantSource clock;
    private final String publicUrl;

    /** The ward a point is in, if the city has said where its wards are. */
    @FunctionalInterface
    public interface WardLocator {
        Optional<String> wardAt(TenantId tenant, double latitude, double longitude);
    }

    private final WardLocator wards;
    private final org.saola.platform.residents.ResidentConsents consents;
    /** The city's time zone, in which e-mails to departments give due dates. */
    private final java.time.ZoneId zone;
    /** Whether residents' words and photos wait for a moderator before the public sees them. */
    private final boolean preModeration;
    /** The transactions of the methods that store photos first, outside any (see {@link StoredPhotos}). */
    private final org.springframework.transaction.support.TransactionOperations transactions;

    /** The consent a reporter gives to be told what becomes of their report, its scope the report's number. */
    public static final String UPDATES_CONSENT = "reports.updates";

    public ReportService(CatalogueStore catalogue, ReportStore reports, PhotoStore photos, ResidentAccounts residents,
            ResidentMessages messages, Departments departments, DomainEvents events, AuditLog audit, InstantSource clock,
            String publicUrl, WardLocator wards, org.saola.platform.residents.ResidentConsents consents, java.time.ZoneId zone,
            boolean preModeration, org.springframework.transaction.support.TransactionOperations transactions) {
        this.transactions = transactions;
        this.preModeration = preModeration;
        this.zone = zone;
        this.wards = wards;
        this.consents = consents;
        this.catalogue = catalogue;
        this.reports = reports;
        this.photos = photos;
        this.residents = residents;
        this.messages = messages;
        this.departments = departments;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    // ---- the catalogue

    public List<ServiceDefinition> services(TenantId tenant, boolean activeOnly) {
        return catalogue.list(tenant, activeOnly);
    }

    public ServiceDefinition service(TenantId tenant, String code) {
        return catalogue.find(tenant, code).orElseThrow(() -> new NotFoundException("no service '" + code + "' in this city"));
    }

    /** Creates or replaces a category; true when new. Its departments must exist. */
    @Transactional
    public boolean putService(TenantId tenant, ServiceDefinition s) {
        List<String> named = new ArrayList<>(s.wardDepartments().values());
        s.department().ifPresent(named::add);
        for (String d : named) {
            if (departments.find(tenant, d).isEmpty()) {
                throw new InvalidInputException("department", "no department '" + d + "' in this tenant");
            }
        }
        Optional<ServiceDefinition> before = catalogue.find(tenant, s.code());
        boolean created = catalogue.put(tenant, s, clock.instant());
        if (before.isPresent() && before.get().privacy() != s.privacy()) {
            reports.reproject(tenant, s.code());     // their entities' public place changes with the privacy
        }
        audit.record(tenant, created ? "REPORT_SERVICE_CREATED" : "REPORT_SERVICE_CHANGED", "report-service:" + s.code(), "",
                Map.of("nameEn", s.nameEn(), "department", s.department().orElse(""), "active", String.valueOf(s.active())));
        return created;
    }

    @Transactional
    public void deleteService(TenantId tenant, String code) {
        service(tenant, code);
        if (catalogue.used(tenant, code)) {
            throw new ConflictException("reports were filed as '" + code + "': withdraw it instead (active: false), "
                    + "so that they keep their category");
        }
        catalogue.delete(tenant, code);
        audit.record(tenant, "REPORT_SERVICE_DELETED", "report-service:" + code, "", Map.of());
    }

    // ---- filing

    /**
     * Files a report; the reporter (if any) is told it arrived, with its number and public page. Its photos are
     * made safe and stored first, outside the transaction that records the report (and removed if that fails).
     */
    public ServiceRequest file(TenantId tenant, NewReport n) {
        ServiceDefinition checked = catalogue.find(tenant, n.serviceCode()).filter(ServiceDefinition::active)
                .orElseThrow(() -> new NotFoundException("no service '" + n.serviceCode() + "' open to reports in this city"));
        checked.checkAnswers(n.answers());
        List<StoredPhotos.Stored> stored = StoredPhotos.put(photos, tenant, n.photos());
        try {
            return transactions.execute(status -> record(tenant, n, stored));
        } catch (RuntimeException e) {
            StoredPhotos.forget(photos, tenant, stored);
            throw e;
        }
    }

    private ServiceRequest record(TenantId tenant, NewReport n, List<StoredPhotos.Stored> stored) {
        ServiceDefinition service = catalogue.find(tenant, n.serviceCode()).filter(ServiceDefinition::active)
                .orElseThrow(() -> new NotFoundException("no service '" + n.serviceCode() + "' open to reports in this city"));
        Map<String, List<String>> answers = service.checkAnswers(n.answers());
        Optional<UUID> reporter = n.signedInResident()
                .or(() -> n.contact().map(c -> residents.recordContact(tenant, c, n.name())));
        Instant now = clock.instant();
        // The ward the resident named, else the one whose area holds the point on the map (routing follows it).
        String ward = !n.ward().isBlank() || n.lat().isEmpty() ? n.ward()
                : wards.wardAt(tenant, n.lat().get(), n.lon().get()).orElse("");
        ServiceRequest r = new ServiceRequest(tenant, reports.nextId(), UUID.randomUUID(), service.code(),
                ReportStatus.OPEN, "", n.description(), n.lat(), n.lon(), n.address(), n.addressId(), ward,
                service.departmentFor(ward), Optional.empty(), answers, n.mediaUrl(), reporter, n.source(),
                Optional.empty(), "", 0, now, now, now.plus(service.target()), Optional.empty(),
                ServiceRequest.Moderation.UNREVIEWED);
        reports.insert(r);
        reports.addEvent(tenant, r.id(), now, "FILED", ReportStatus.OPEN, "", "resident", true);
        for (StoredPhotos.Stored s : stored) {
            Photos.Processed p = s.photo();
            reports.addPhoto(tenant, s.id(), r.id(), "REPORTED", p.width(), p.height(), p.jpeg().length, now);
        }
        events.publish(new ServiceRequestFiled(tenant, r.id(), r.serviceCode(), r.department(), now));
        tellDepartment(r, service, "Phản ánh mới", "New report");
        // Giving a contact with a report is asking to be told what becomes of it: a consent, withdrawable.
        reporter.ifPresent(resident -> consents.given(tenant, resident, UPDATES_CONSENT, Long.toString(r.id())));
        reporter.ifPresent(resident -> messages.enqueue(tenant, resident,
                "Phản ánh #" + r.id() + " đã được tiếp nhận / Report #" + r.id() + " received",
                "Cảm ơn bạn. Phản ánh #" + r.id() + " (" + service.nameVi() + ") đã được chuyển đến cơ quan phụ trách. "
                        + "Theo dõi tại: " + page(r) + "\n\n"
                        + "Thank you. Report #" + r.id() + " (" + service.nameEn() + ") has gone to the department "
                        + "responsible. Follow it at: " + page(r)));
        return r;
    }

    /** Open reports of the same category near a place, nearest first: what to support instead of a duplicate. */
    public List<ServiceRequest> nearby(TenantId tenant, String serviceCode, double lat, double lon) {
        ServiceDefinition service = service(tenant, serviceCode);
        // A sensitive kind is not listed by distance: trying points around one would find it more exactly than
        // its public grid cell.
        if (service.nearbyMeters() == 0 || service.privacy() == Privacy.APPROXIMATE) {
            return List.of();
        }
        return reports.openNear(tenant, serviceCode, lat, lon, service.nearbyMeters(), 10);
    }

    /** A resident supports an open report ("me too") instead of filing it again; once per resident. */
    @Transactional
    public ServiceRequest support(TenantId tenant, long id, UUID resident) {
        ServiceRequest r = reports.lock(tenant, id).orElseThrow(() -> notFound(id));
        if (!r.status().isOpen()) {
            throw new ConflictException("report #" + id + " is closed: file a new one if the problem is back",
                    "reports.conflict.supportClosed", id);
        }
        if (!reports.addSupport(tenant, id, resident, clock.instant())) {
            return r;
        }
        ServiceRequest supported = with(r, r.status(), r.statusNotes(), r.department(), r.assignee(), r.duplicateOf(),
                r.referredTo(), r.supporters() + 1, clock.instant(), r.closedAt());
        reports.update(supported);
        reports.addEvent(tenant, id, clock.instant(), "SUPPORTED", null, "", "resident", true);
        return supported;
    }

    // ---- reading

    public Optional<ServiceRequest> find(TenantId tenant, long id) {
        return reports.find(tenant, id);
    }

    public Optional<ServiceRequest> byToken(TenantId tenant, UUID token) {
        return reports.byToken(tenant, token);
    }

    public List<ServiceRequest> search(TenantId tenant, ReportSearch search) {
        return reports.search(tenant, search);
    }

    public List<ServiceRequest.Event> publicEvents(TenantId tenant, long id) {
        return reports.events(tenant, id, true);
    }

    /** Whether the public sees the resident's words and photos of this report (see {@link ServiceRequest#residentContentPublic}). */
    public boolean residentContentPublic(ServiceRequest r) {
        return r.residentContentPublic(preModeration);
    }

    /** The resident's words as the public sees them, as this city moderates. */
    public String publicDescription(ServiceRequest r) {
        return r.publicDescription(preModeration);
    }

    /** Whether this report's words and photos still wait for a moderator before the public sees them. */
    public boolean awaitingModerator(ServiceRequest r) {
        return preModeration && r.moderation() == ServiceRequest.Moderation.UNREVIEWED;
    }

    /** A report's photos the public sees: not those hidden, nor the resident's own while they await a moderator. */
    public List<ReportStore.PhotoRecord> photos(ServiceRequest r) {
        List<ReportStore.PhotoRecord> shown = reports.photos(r.tenant(), r.id(), false);
        return !awaitingModerator(r) ? shown : shown.stream().filter(p -> !p.stage().equals(RESIDENT_PHOTO)).toList();
    }

    /** The stage of a photo the resident gave (staff add "after" photos). */
    private static final String RESIDENT_PHOTO = "REPORTED";

    /** The first shown photo of each of these reports, by report id (none yet for a report awaiting a moderator). */
    public Map<Long, UUID> firstPhotos(TenantId tenant, List<ServiceRequest> list) {
        return reports.firstPhotos(tenant, list.stream().filter(r -> !awaitingModerator(r)).map(ServiceRequest::id).toList());
    }

    /** A photo's bytes, if the photo exists and is shown (see {@link #photos}). */
    public Optional<byte[]> photo(TenantId tenant, UUID id, boolean thumbnail) {
        return reports.photo(tenant, id, false)
                .filter(p -> !p.stage().equals(RESIDENT_PHOTO) || !preModeration
                        || reports.find(tenant, p.reportId()).map(r -> !awaitingModerator(r)).orElse(false))
                .flatMap(p -> photos.get(tenant, id, thumbnail));
    }

    /**
     * Writes, in the caller's transaction, an e-mail to the report's department (when it has a contact e-mail) that
     * a report is in its queue: what, where, by when, and the link to work it. It names no reporter and carries no
     * contact: the department reads those, audited, on the report's page.
     */
    private void tellDepartment(ServiceRequest r, ServiceDefinition service, String whyVi, String whyEn) {
        if (r.department().isEmpty()) {
            return;
        }
        // The e-mail leaves Saola's access rules and audit: for a sensitive kind it gives the ward and an approximate
        // point, and it carries the resident's words unless a moderator hid them (awaiting review, they go: the
        // department reads them on its page anyway).
        boolean exact = service.privacy() == Privacy.EXACT;
        String where = String.join(", ", java.util.stream.Stream.of(exact ? r.address() : "", r.ward()).filter(p -> !p.isBlank()).toList());
        String place = !where.isEmpty() ? where : r.lat().map(la -> service.privacy().publicCoordinate(la) + ", "
                + service.privacy().publicCoordinate(r.lon().orElseThrow())).orElse("");
        String words = r.unhiddenDescription();
        String work = publicUrl + "/operations/reports/" + r.id();
        String by = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(r.expectedAt());
        messages.enqueueForDepartment(r.tenant(), r.department().get(),
                "[Saola] " + whyVi + " #" + r.id() + " / " + whyEn + " #" + r.id() + ": " + service.nameVi() + " / " + service.nameEn(),
                whyVi + ": #" + r.id() + " " + service.nameVi() + "\n"
                        + "Địa điểm: " + place + "\n"
                        + "Nội dung: " + words + "\n"
                        + "Hạn xử lý: " + by + "\n"
                        + "Xử lý tại: " + work + "\n\n"
                        + whyEn + ": #" + r.id() + " " + service.nameEn() + "\n"
                        + "Where: " + place + "\n"
                        + "What: " + words + "\n"
                        + "Due by: " + by + "\n"
                        + "Work it at: " + work + "\n");
    }

    public String page(ServiceRequest r) {
        return publicUrl + "/city/reports/" + r.id();
    }

    /** Where the public sees a photo (served by Saola, without metadata). */
    public String photoUrl(UUID photo) {
        return publicUrl + "/city/reports/photos/" + photo + ".jpg";
    }

    // ---- moderation of what residents publish

    /** Reports whose words or photos await a moderator, oldest first, among those the caller works. */
    public List<ServiceRequest> toModerate(SaolaPrincipal caller, int limit) {
        return reports.toModerate(caller.tenant(), caller.departmentScope(), limit);
    }

    /**
     * A moderator's decision on a report's words and photos: approved as they are, or the words hidden from the
     * public with a reason (personal data, insults); recorded in the audit log and, as an internal note, on the
     * report. The resident's words stay visible to staff.
     */
    @Transactional
    public ServiceRequest moderate(SaolaPrincipal caller, long id, ServiceRequest.Moderation decision, String reason) {
        ServiceRequest r = visible(caller, reports.lock(caller.tenant(), id));
        if (decision == ServiceRequest.Moderation.UNREVIEWED) {
            throw new InvalidInputException("decision", "decide APPROVED or HIDDEN");
        }
        String why = reason == null ? "" : reason.strip();
        if (decision == ServiceRequest.Moderation.HIDDEN && (why.isEmpty() || why.length() > 500)) {
            throw new InvalidInputException("reason", "say why the words are hidden (1-500 characters), e.g. they name a person");
        }
        reports.moderate(caller.tenant(), id, decision, why);
        reports.addEvent(caller.tenant(), id, clock.instant(), decision == ServiceRequest.Moderation.HIDDEN ? "TEXT_HIDDEN" : "APPROVED",
                null, why, caller.name(), false);
        audit.record(caller.tenant(), "REPORT_" + decision.name(), "report:" + id, why, Map.of());
        return reports.find(caller.tenant(), id).orElseThrow();
    }

    /** Hides one photo of a report from the public, with a reason; staff still see it. */
    @Transactional
    public void hidePhoto(SaolaPrincipal caller, long id, UUID photo, String reason) {
        visible(caller, reports.lock(caller.tenant(), id));
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw new InvalidInputException("reason", "say why the photo is hidden (1-500 characters), e.g. a face or a number plate");
        }
        if (!reports.hidePhoto(caller.tenant(), id, photo, why)) {
            throw new NotFoundException("report #" + id + " has no photo " + photo);
        }
        reports.addEvent(caller.tenant(), id, clock.instant(), "PHOTO_HIDDEN", null, why, caller.name(), false);
        audit.record(caller.tenant(), "REPORT_PHOTO_HIDDEN", "report:" + id, why, Map.of("photo", photo.toString()));
    }

    /**
     * A photo staff add to a report, usually "after" the work: made safe like residents' photos, public at once
     * (it is the city's), and on the report's timeline so the reporter sees what was done.
     */
    public UUID addAfterPhoto(SaolaPrincipal caller, long id, byte[] photo) {
        visible(caller, reports.find(caller.tenant(), id));
        List<StoredPhotos.Stored> stored = StoredPhotos.put(photos, caller.tenant(), List.of(photo));
        try {
            return transactions.execute(status -> {
                visible(caller, reports.lock(caller.tenant(), id));
                Photos.Processed p = stored.get(0).photo();
                Instant now = clock.instant();
                reports.addPhoto(caller.tenant(), stored.get(0).id(), id, "AFTER", p.width(), p.height(), p.jpeg().length, now);
                reports.addEvent(caller.tenant(), id, now, "AFTER_PHOTO", null, "", caller.name(), true);
                return stored.get(0).id();
            });
        } catch (RuntimeException e) {
            StoredPhotos.forget(photos, caller.tenant(), stored);
            throw e;
        }
    }

    /** Every photo of a report the caller works, hidden ones too. */
    public List<ReportStore.PhotoRecord> staffPhotos(SaolaPrincipal caller, long id) {
        visible(caller, reports.find(caller.tenant(), id));
        return reports.photos(caller.tenant(), id, true);
    }

    /** A photo's bytes for staff who work its report, hidden or not. */
    public Optional<byte[]> staffPhoto(SaolaPrincipal caller, UUID photo, boolean thumbnail) {
        return reports.photo(caller.tenant(), photo, true)
                .filter(p -> {
                    visible(caller, reports.find(caller.tenant(), p.reportId()));
                    return true;
                })
                .flatMap(p -> photos.get(caller.tenant(), photo, thumbnail));
    }

    // ---- the loop closed: asking the reporter, statistics

    /**
     * Asks the reporters of reports fixed more than {@code after} ago whether they really are (once per fixing;
     * several nodes share the work, rows taken with SKIP LOCKED). The question links to a page only the
     * message's addressee can find (the report's token, an unguessable id, is the credential). How many asked.
     */
    @Transactional
    public int askWhetherFixed(java.time.Duration after) {
        Instant now = clock.instant();
        List<ServiceRequest> due = reports.followUpsDue(now.minus(after), 200);
        for (ServiceRequest r : due) {
            String link = followUpLink(r);
            messages.enqueue(r.tenant(), r.reporter().orElseThrow(),
                    "Phản ánh #" + r.id() + " đã được khắc phục chưa? / Is report #" + r.id() + " really fixed?",
                    "Phản ánh #" + r.id() + " của bạn đã được đánh dấu là đã khắc phục. Có đúng vậy không? Trả lời tại: "
                            + link + "\nNếu chưa, phản ánh sẽ được mở lại.\n\n"
                            + "Your report #" + r.id() + " was marked fixed. Is it? Answer at: " + link
                            + "\nIf it is not, the report opens again.");
            reports.followUpSent(r.tenant(), r.id(), now);
        }
        return due.size();
    }

    public String followUpLink(ServiceRequest r) {
        return publicUrl + "/city/reports/" + r.id() + "/follow-up?token=" + r.token();
    }

    /** The report a follow-up link names, if the token is its own and the question is still open. */
    public Optional<ServiceRequest> followUpFor(TenantId tenant, long id, String token) {
        UUID t;
        try {
            t = UUID.fromString(token == null ? "" : token.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return reports.byToken(tenant, t).filter(r -> r.id() == id).filter(r -> reports.followUpOpen(tenant, id));
    }

    /**
     * The reporter's answer. "Not fixed" reopens the report with their words as a public update, so it is back in
     * the department's open queue (FixMyStreet users asked for reopening updates to reach the council, #897);
     * "fixed" is recorded on its timeline. A rating (1-5) of the outcome may come with either.
     */
    @Transactional
    public ServiceRequest answerFollowUp(TenantId tenant, long id, String token, boolean fixed, String text,
            Optional<Integer> rating) {
        ServiceRequest found = followUpFor(tenant, id, token)
                .orElseThrow(() -> new NotFoundException("this question has been answered already, or the link is not valid"));
        ServiceRequest r = reports.lock(tenant, found.id()).orElseThrow();
        if (!reports.followUpOpen(tenant, id)) {
            throw new NotFoundException("this question has been answered already");     // a double submit
        }
        String words = text == null ? "" : text.strip();
        if (words.length() > 4000) {
            throw new InvalidInputException("text", "at most 4000 characters");
        }
        if (rating.isPresent() && (rating.get() < 1 || rating.get() > 5)) {
            throw new InvalidInputException("rating", "a rating is 1 to 5");
        }
        Instant now = clock.instant();
        if (r.status().closedWithoutFix()) {
            // Not fixed, or referred: the reporter rates how it was handled; nothing reopens it.
            if (rating.isEmpty() && words.isEmpty()) {
                throw new InvalidInputException("rating", "give a rating of how it was handled, or say something about it");
            }
            if (!words.isEmpty()) {
                reports.moderate(tenant, id, ServiceRequest.Moderation.UNREVIEWED, "");
                reports.addEvent(tenant, id, now, "UPDATE", null, words, "reporter", true);
            }
            reports.followUpAnswered(tenant, id, now, rating, false);
            return r;
        }
        if (!words.isEmpty()) {
            reports.moderate(tenant, id, ServiceRequest.Moderation.UNREVIEWED, "");    // new public words: review them
        }
        if (fixed) {
            reports.addEvent(tenant, id, now, "CONFIRMED", null, words, "reporter", true);
            reports.followUpAnswered(tenant, id, now, rating, false);
            return r;
        }
        if (!r.status().equals(ReportStatus.FIXED)) {
            // reopened by staff meanwhile: the reporter's words join it as an update
            reports.addEvent(tenant, id, now, "UPDATE", null, words, "reporter", true);
            reports.followUpAnswered(tenant, id, now, rating, true);
            return r;
        }
        if (words.isEmpty()) {
            throw new InvalidInputException("text", "say what is still wrong: the department reads it");
        }
        // The reporter's words go on the timeline (under moderation), not into the status notes, which are the
        // department's word to the public (Open311's status_notes).
        ServiceRequest reopened = with(r, ReportStatus.OPEN, "", r.department(), r.assignee(), Optional.empty(), "",
                r.supporters(), now, Optional.empty());
        reports.update(reopened);
        reports.addEvent(tenant, id, now, "REOPENED", ReportStatus.OPEN, words, "reporter", true);
        reports.followUpAnswered(tenant, id, now, rating, true);
        catalogue.find(tenant, r.serviceCode()).ifPresent(s -> tellDepartment(reopened, s,
                "Người phản ánh cho biết chưa được khắc phục", "The reporter says it is not fixed"));
        events.publish(new ServiceRequestStatusChanged(tenant, id, r.serviceCode(), r.status().name(),
                ReportStatus.OPEN.name(), now));
        return reopened;
    }

    /** What came of the reports filed since {@code from}, per category in each ward and in all. */
    public List<ReportStatistics> statistics(TenantId tenant, Instant from) {
        return reports.statistics(tenant, from);
    }

    // ---- the departments' workflow


    /** The caller's queue: the search, limited to their departments. */
    public List<ServiceRequest> queue(SaolaPrincipal caller, ReportSearch search) {
        return reports.search(caller.tenant(), scoped(caller, search));
    }

    public long count(SaolaPrincipal caller, ReportSearch search) {
        return reports.count(caller.tenant(), scoped(caller, search));
    }

    private static ReportSearch scoped(SaolaPrincipal caller, ReportSearch s) {
        Optional<Set<String>> scope = caller.departmentScope();
        if (scope.isEmpty()) {
            return s;
        }
        Set<String> departments = new java.util.HashSet<>(s.departments().orElse(scope.get()));
        departments.retainAll(scope.get());
        return new ReportSearch(Optional.of(Set.copyOf(departments)), s.ids(), s.serviceCodes(), s.statuses(), s.from(),
                s.to(), s.ward(), s.reporter(), s.overdueAt(), s.limit(), s.offset());
    }

    /** A report with its whole life (internal notes too), if the caller may work it. */
    public ServiceRequest.WithEvents get(SaolaPrincipal caller, long id) {
        ServiceRequest r = visible(caller, reports.find(caller.tenant(), id));
        // Internal notes and words a moderator hid are for those who work reports, not every reader of data.
        boolean works = caller.has(org.saola.platform.security.Permission.REPORTS_WORK);
        return new ServiceRequest.WithEvents(r, reports.events(caller.tenant(), id, !works));
    }

    private ServiceRequest visible(SaolaPrincipal caller, Optional<ServiceRequest> found) {
        ServiceRequest r = found.orElseThrow(() -> new NotFoundException("no such report"));
        Optional<Set<String>> scope = caller.departmentScope();
        if (scope.isPresent() && (r.department().isEmpty() || !scope.get().contains(r.department().get()))) {
            throw notFound(r.id());              // not theirs: as if it did not exist
        }
        return r;
    }

    /**
     * Moves a report on. From an open status to any other but OPEN; a closed report only reopens (OPEN). Each
     * outcome asks for what makes it clear to the resident: "not fixed" a reason, "duplicate" the report it
     * repeats, "referred" the body it went to.
     */
    @Transactional
    public ServiceRequest changeStatus(SaolaPrincipal caller, long id, ReportStatus to, String publicText,
            Optional<Long> duplicateOf, String referredTo) {
        ServiceRequest r = visible(caller, reports.lock(caller.tenant(), id));
        String text = publicText == null ? "" : publicText.strip();
        if (text.length() > 4000) {
            throw new InvalidInputException("text", "a public update has at most 4000 characters");
        }
        if (to == r.status()) {
            throw new ConflictException("report #" + id + " is " + to + " already");
        }
        if (!r.status().isOpen() && to != ReportStatus.OPEN) {
            throw new ConflictException("report #" + id + " is closed (" + r.status() + "): reopen it (OPEN) first");
        }
        if (r.status().isOpen() && to == ReportStatus.OPEN) {
            throw new ConflictException("report #" + id + " is open already (" + r.status() + ")");
        }
        Optional<Long> duplicate = Optional.empty();
        String referred = "";
        switch (to) {
            case NOT_FIXED -> {
                if (text.isEmpty()) {
                    throw new InvalidInputException("text", "say why it will not be fixed: the resident reads it");
                }
            }
            case DUPLICATE -> {
                long of = duplicateOf.orElseThrow(() -> new InvalidInputException("duplicateOf",
                        "name the report this one repeats (duplicateOf)"));
                if (of == id || reports.find(caller.tenant(), of).isEmpty()) {
                    throw new InvalidInputException("duplicateOf", "no other report #" + of + " in this city");
                }
                duplicate = Optional.of(of);
            }
            case REFERRED -> {
                referred = referredTo == null ? "" : referredTo.strip();
                if (referred.isEmpty() || referred.length() > 200) {
                    throw new InvalidInputException("referredTo", "name the body it was referred to (1-200 characters)");
                }
            }
            default -> { }
        }
        Instant now = clock.instant();
        String notes = text.isEmpty() ? r.statusNotes() : text;
        ServiceRequest changed = with(r, to, notes, r.department(), r.assignee(), duplicate, referred, r.supporters(),
                now, to.isOpen() ? Optional.empty() : Optional.of(now));
        reports.update(changed);
        if (to == ReportStatus.OPEN) {
            reports.followUpAnswered(caller.tenant(), id, now, Optional.empty(), true);   // the next "fixed" asks again
        }
        reports.addEvent(caller.tenant(), id, now, to == ReportStatus.OPEN ? "REOPENED" : "STATUS", to, text, caller.name(), true);
        events.publish(new ServiceRequestStatusChanged(caller.tenant(), id, r.serviceCode(), r.status().name(), to.name(), now));
        String rateVi = "";
        String rateEn = "";
        if (to.closedWithoutFix() && changed.reporter().isPresent() && reports.updatesWanted(caller.tenant(), id)) {
            // Not fixed is an outcome too: the reporter may say how it was handled, at once (a fix is asked about weeks later).
            reports.followUpSent(caller.tenant(), id, now);
            rateVi = "\nBạn thấy phản ánh được xử lý thế nào? Đánh giá tại: " + followUpLink(changed);
            rateEn = "\nHow was it handled? Rate it at: " + followUpLink(changed);
        }
        tell(changed, statusVi(changed) + (text.isEmpty() ? "" : "\n" + text) + rateVi,
                statusEn(changed) + (text.isEmpty() ? "" : "\n" + text) + rateEn);
        return changed;
    }

    /** A public update without a status change; the reporter is told. */
    @Transactional
    public ServiceRequest publicUpdate(SaolaPrincipal caller, long id, String text) {
        ServiceRequest r = visible(caller, reports.lock(caller.tenant(), id));
        String t = required("text", text, 4000);
        Instant now = clock.instant();
        ServiceRequest changed = with(r, r.status(), t, r.department(), r.assignee(), r.duplicateOf(), r.referredTo(),
                r.supporters(), now, r.closedAt());
        reports.update(changed);
        reports.addEvent(caller.tenant(), id, now, "UPDATE", null, t, caller.name(), true);
        tell(changed, t, t);
        return changed;
    }

    /** An internal note: staff only, never shown to the public or sent to the reporter. */
    @Transactional
    public void note(SaolaPrincipal caller, long id, String text) {
        visible(caller, reports.lock(caller.tenant(), id));
        reports.addEvent(caller.tenant(), id, clock.instant(), "NOTE", null, required("text", text, 4000), caller.name(), false);
    }

    /** Gives a report to a department (and optionally a person in it). */
    @Transactional
    public ServiceRequest assign(SaolaPrincipal caller, long id, String department, String assignee) {
        ServiceRequest r = visible(caller, reports.lock(caller.tenant(), id));
        if (!r.status().isOpen()) {
            throw new ConflictException("report #" + id + " is closed: reopen it before assigning it");
        }
        var d = departments.find(caller.tenant(), required("department", department, 63))
                .orElseThrow(() -> new InvalidInputException("department", "no department '" + department + "' in this tenant"));
        Optional<String> person = Optional.ofNullable(assignee).map(String::strip).filter(a -> !a.isEmpty());
        Instant now = clock.instant();
        ServiceRequest changed = with(r, r.status(), r.statusNotes(), Optional.of(d.code()), person, r.duplicateOf(),
                r.referredTo(), r.supporters(), now, r.closedAt());
        reports.update(changed);
        reports.addEvent(caller.tenant(), id, now, "ASSIGNED", null, d.nameVi() + " / " + d.nameEn(), caller.name(), true);
        if (!r.department().equals(changed.department())) {
            catalogue.find(caller.tenant(), r.serviceCode()).ifPresent(s -> tellDepartment(changed, s,
                    "Phản ánh được chuyển đến phòng", "A report given to your department"));
        }
        person.ifPresent(p -> reports.addEvent(caller.tenant(), id, now, "ASSIGNED_TO", null, p, caller.name(), false));
        return changed;
    }

    /** The reporter's contact and name, for staff who may work the report and say why; the read is audited. */
    @Transactional
    public Reporter reporter(SaolaPrincipal caller, long id, String reason) {
        ServiceRequest r = visible(caller, reports.find(caller.tenant(), id));
        if (r.reporter().isEmpty()) {
            return new Reporter(Optional.empty(), Optional.empty(), false);
        }
        String why = "report #" + id + ": " + (reason == null ? "" : reason.strip());
        Contact contact = residents.readContact(caller.tenant(), r.reporter().get(), reason == null || reason.isBlank() ? null : why);
        return new Reporter(Optional.of(contact), residents.readName(caller.tenant(), r.reporter().get(), why),
                residents.verified(caller.tenant(), r.reporter().get()));
    }

    private void tell(ServiceRequest r, String textVi, String textEn) {
        if (r.reporter().isPresent() && !reports.updatesWanted(r.tenant(), r.id())) {
            return;                                     // the reporter withdrew their consent to updates
        }
        r.reporter().ifPresent(resident -> messages.enqueue(r.tenant(), resident,
                "Phản ánh #" + r.id() + ": cập nhật / Report #" + r.id() + ": update",
                textVi + "\n" + page(r) + "\n\n" + textEn + "\n" + page(r)));
    }

    private static String statusVi(ServiceRequest r) {
        return switch (r.status()) {
            case OPEN -> "Phản ánh #" + r.id() + " được mở lại.";
            case ACKNOWLEDGED -> "Phản ánh #" + r.id() + " đã được cơ quan phụ trách tiếp nhận.";
            case IN_PROGRESS -> "Phản ánh #" + r.id() + " đang được xử lý.";
            case FIXED -> "Phản ánh #" + r.id() + " đã được khắc phục.";
            case NOT_FIXED -> "Phản ánh #" + r.id() + " đã đóng mà không khắc phục.";
            case DUPLICATE -> "Phản ánh #" + r.id() + " trùng với phản ánh #" + r.duplicateOf().orElse(0L) + ".";
            case REFERRED -> "Phản ánh #" + r.id() + " đã được chuyển đến " + r.referredTo() + ".";
        };
    }

    private static String statusEn(ServiceRequest r) {
        return switch (r.status()) {
            case OPEN -> "Report #" + r.id() + " is open again.";
            case ACKNOWLEDGED -> "Report #" + r.id() + " has been acknowledged by the department responsible.";
            case IN_PROGRESS -> "Work on report #" + r.id() + " is in progress.";
            case FIXED -> "Report #" + r.id() + " has been fixed.";
            case NOT_FIXED -> "Report #" + r.id() + " was closed without being fixed.";
            case DUPLICATE -> "Report #" + r.id() + " repeats report #" + r.duplicateOf().orElse(0L) + ".";
            case REFERRED -> "Report #" + r.id() + " was referred to " + r.referredTo() + ".";
        };
    }

    private static String required(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > max) {
            throw new InvalidInputException(field, field + " is required, at most " + max + " characters");
        }
        return v;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no report #" + id + " in this city");
    }

    private static ServiceRequest with(ServiceRequest r, ReportStatus status, String notes, Optional<String> department,
            Optional<String> assignee, Optional<Long> duplicateOf, String referredTo, int supporters, Instant updatedAt,
            Optional<Instant> closedAt) {
        return new ServiceRequest(r.tenant(), r.id(), r.token(), r.serviceCode(), status, notes, r.description(), r.lat(),
                r.lon(), r.address(), r.addressId(), r.ward(), department, assignee, r.attributes(), r.mediaUrl(),
                r.reporter(), r.source(), duplicateOf, referredTo, supporters, r.requestedAt(), updatedAt, r.expectedAt(),
                closedAt, r.moderation());
    }
}
