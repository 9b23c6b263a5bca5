package org.saola.participation.domain;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.store.BallotWriter;
import org.saola.participation.store.ParticipationStore;
import org.saola.participation.store.ParticipationStore.ReceiptState;
import org.saola.participation.store.ParticipationStore.SealedBallot;
import org.saola.participation.store.ParticipationStore.StoredProcess;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.residents.ContactCipher;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.transaction.annotation.Transactional;

/**
 * Participatory processes and their vote: staff define a process and its projects; residents cast, check and
 * change a ballot while the vote is open; when it closes the box is opened once and the count published
 * (docs/participation.md).
 */
public class ParticipationService {

    /** How a ballot reached the box. */
    public enum Channel { ONLINE, ASSISTED, SMS }

    /** A ballot accepted: the receipt to keep, and whether it replaced the voter's earlier one. */
    public record Cast(String receipt, boolean replaced) {
    }

    /**
     * A resident who may not vote in a process that asks for the census list: they have not proved an ID number of
     * it ({@link #proved} false), or the list has them in a ward the process is not for.
     */
    public static final class NotEligible extends ConflictException {
        private final boolean proved;

        NotEligible(String message, boolean proved, String key, Object... args) {
            super(message, key, args);
            this.proved = proved;
        }

        public boolean proved() {
            return proved;
        }
    }

    /** A voter's ballot as it is in the box now, for their own eyes. */
    public record MyBallot(Ballot ballot, String receipt) {
    }

    /** A process with its projects, what phase it is in today, and its count once there is one. */
    public record Overview(ParticipatoryProcess process, List<Project> projects, Optional<PhaseDates> phase,
            java.time.LocalDateTime now, Optional<Instant> countedAt, Optional<Integer> ballotsCounted, int ballotsInBox) {

        /** The city's day. */
        public LocalDate today() {
            return now.toLocalDate();
        }

        public boolean votingOpen() {
            return countedAt.isEmpty() && process.votingOpenAt(now);
        }

        /** The vote has closed (by the calendar and the closing time, or counted). */
        public boolean votingOver() {
            return countedAt.isPresent() || process.votingOverAt(now);
        }

        public boolean counted() {
            return countedAt.isPresent();
        }
    }

    /** A process and its projects as last read, for the ballot path (the vote's terms are frozen while it runs). */
    private record Terms(StoredProcess stored, List<Project> projects, long readAt) {
    }

    /** How long a node trusts its copy of a process's terms (another node may have changed its texts or phases). */
    private static final long TERMS_FOR_NANOS = java.time.Duration.ofSeconds(5).toNanos();
    private final java.util.concurrent.ConcurrentHashMap<String, Terms> terms = new java.util.concurrent.ConcurrentHashMap<>();
    /** Ballot keys unsealed, per process: the running node holds them anyway while the vote runs. */
    private final java.util.concurrent.ConcurrentHashMap<String, BallotKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

    private final ParticipationStore store;
    private final BallotWriter writer;
    private final ContactCipher cipher;
    private final org.saola.platform.residents.ResidentAccounts residents;
    private final AuditLog audit;
    private final org.saola.platform.security.Departments departments;
    private final InstantSource clock;
    private final ZoneId zone;
    private final Census census;

    public ParticipationService(ParticipationStore store, BallotWriter writer, ContactCipher cipher,
            org.saola.platform.residents.ResidentAccounts residents, AuditLog audit,
            org.saola.platform.security.Departments departments, InstantSource clock, ZoneId zone, Census census) {
        this.store = store;
        this.census = census;
        this.residents = residents;
        this.writer = writer;
        this.departments = departments;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The city's time now (the vote may close at a time of its last day). */
    public java.time.LocalDateTime now() {
        return java.time.LocalDateTime.ofInstant(clock.instant(), zone);
    }

    /** When the vote closes, in words for a message: the day, and the time when it is not midnight. */
    /** The vote is over: said with its last day and closing time, in the reader's language on pages. */
    static ConflictException closed(ParticipatoryProcess p) {
        return new ConflictException("the vote closed on " + closing(p), "participation.conflict.voteClosed", closingArgs(p));
    }

    /** When the vote closes, as arguments of a message: the last day, and " 17:00" when it closes before midnight. */
    private static Object[] closingArgs(ParticipatoryProcess p) {
        return new Object[] {p.voting().map(v -> v.ends().toString()).orElse(""),
                p.rule() != null && p.rule().closesAt() != null ? " " + p.rule().closesAt() : ""};
    }

    static String closing(ParticipatoryProcess p) {
        return p.voting().map(v -> v.ends() + (p.rule() != null && p.rule().closesAt() != null ? " at " + p.rule().closesAt() : ""))
                .orElse("");
    }

    // ---- what anyone may read

    public List<Overview> processes(TenantId tenant) {
        java.time.LocalDateTime now = now();
        return store.processes(tenant).stream().map(s -> overview(tenant, s, now)).toList();
    }

    public Overview process(TenantId tenant, String code) {
        return overview(tenant, find(tenant, code), now());
    }

    private Overview overview(TenantId tenant, StoredProcess s, java.time.LocalDateTime now) {
        return new Overview(s.process(), store.projects(tenant, s.process().code()), s.process().phaseAt(now), now,
                s.countedAt(), s.ballotsCounted(), s.countedAt().isPresent() || s.process().voting().isEmpty() ? 0
                        : store.ballotsInBox(tenant, s.process().code()));
    }

    /**
     * The process and its projects for a ballot: from this node's copy if it is a few seconds old at most. Safe
     * for the vote because its rule, budgets, dates and projects cannot change once it opens; a change of texts
     * or of a later phase reaches the ballot path within {@link #TERMS_FOR_NANOS}.
     */
    private Terms terms(TenantId tenant, String code) {
        String k = cacheKey(tenant, code);
        Terms t = terms.get(k);
        if (t == null || System.nanoTime() - t.readAt() > TERMS_FOR_NANOS) {
            t = new Terms(find(tenant, code), store.projects(tenant, code), System.nanoTime());
            terms.put(k, t);
        }
        return t;
    }

    private void forget(TenantId tenant, String code) {
        terms.remove(cacheKey(tenant, code));
    }

    private static String cacheKey(TenantId tenant, String code) {
        return tenant.value() + "\u0000" + code;
    }

    /**
     * The process, its projects and where it stands today, from this node's copy (a few seconds old at most),
     * without the count of ballots in the box: what the ballot, proposals, consultations, meetings and
     * follow-up need to check a request, at no query most of the time.
     */
    public Overview definition(TenantId tenant, String code) {
        Terms t = terms(tenant, code);
        java.time.LocalDateTime now = now();
        return new Overview(t.stored().process(), t.projects(), t.stored().process().phaseAt(now), now,
                t.stored().countedAt(), t.stored().ballotsCounted(), 0);
    }

    /** The process, if the caller's departments run it (404 otherwise, as if it did not exist). */
    public ParticipatoryProcess managed(SaolaPrincipal caller, String code) {
        ParticipatoryProcess p = definition(caller.tenant(), code).process();
        inScope(caller, p.department());
        return p;
    }

    private StoredProcess find(TenantId tenant, String code) {
        return store.process(tenant, code).orElseThrow(() -> new NotFoundException("no participatory process '" + code + "'",
                "participation.notFound.process", code));
    }

    // ---- what staff do

    /** Creates or changes a process; true when new. The vote's terms cannot change once a ballot is in the box. */
    @Transactional
    public boolean define(SaolaPrincipal caller, ParticipatoryProcess p) {
        inScope(caller, p.department());
        if (departments.find(caller.tenant(), p.department()).isEmpty()) {
            throw new InvalidInputException("department", "there is no department '" + p.department() + "' in this city",
                    "participation.problem.noDepartment", p.department());
        }
        Optional<StoredProcess> existing = store.lockProcess(caller.tenant(), p.code());
        if (existing.isPresent()) {
            inScope(caller, existing.get().process().department());
            ParticipatoryProcess before = existing.get().process();
            boolean started = existing.get().countedAt().isPresent() || store.ballotsInBox(caller.tenant(), p.code()) > 0;
            if (started && (!java.util.Objects.equals(before.rule(), p.rule()) || !before.budgets().equals(p.budgets())
                    || !before.voting().equals(p.voting()))) {
                throw new ConflictException("residents have voted in '" + p.code()
                        + "': its voting rule, budgets and voting dates can no longer change", "participation.conflict.voteStarted",
                        p.code());
            }
        }
        boolean created = store.put(caller.tenant(), p, clock.instant());
        forget(caller.tenant(), p.code());
        audit.record(caller.tenant(), created ? "PROCESS_CREATED" : "PROCESS_CHANGED", "process:" + p.code(), "",
                Map.of("department", p.department()));
        return created;
    }

    /** Adds or changes a project; projects are fixed once the vote opens (the ballot would change under voters). */
    @Transactional
    public boolean putProject(SaolaPrincipal caller, String processCode, Project project) {
        StoredProcess s = projectsEditable(caller, processCode);
        if (s.process().budget(project.scope()).isEmpty()) {
            throw new InvalidInputException("scope", s.process().byWard()
                    ? "say which ward's budget pays for this project: one of " + s.process().budgets().stream().map(Budget::scope).toList()
                    : "this process has one budget for everyone; leave the project's scope empty",
                    s.process().byWard() ? "participation.problem.projectScope" : "participation.problem.projectNoScope",
                    String.join(", ", s.process().budgets().stream().map(Budget::scope).toList()));
        }
        boolean created = store.put(caller.tenant(), processCode, project, clock.instant());
        forget(caller.tenant(), processCode);
        audit.record(caller.tenant(), created ? "PROJECT_CREATED" : "PROJECT_CHANGED", "process:" + processCode,
                "", Map.of("project", project.code(), "cost", project.cost()));
        return created;
    }

    @Transactional
    public void deleteProject(SaolaPrincipal caller, String processCode, String code) {
        projectsEditable(caller, processCode);
        forget(caller.tenant(), processCode);
        if (!store.deleteProject(caller.tenant(), processCode, code)) {
            throw new NotFoundException("no project '" + code + "' in '" + processCode + "'", "participation.notFound.project",
                    code, processCode);
        }
        audit.record(caller.tenant(), "PROJECT_DELETED", "process:" + processCode, "", Map.of("project", code));
    }

    /** The process, locked, if the caller's departments run it and its projects may still change. */
    private StoredProcess projectsEditable(SaolaPrincipal caller, String processCode) {
        StoredProcess s = store.lockProcess(caller.tenant(), processCode)
                .orElseThrow(() -> new NotFoundException("no participatory process '" + processCode + "'",
                        "participation.notFound.process", processCode));
        inScope(caller, s.process().department());
        fixedOnceVoting(caller.tenant(), s);
        return s;
    }

    private void fixedOnceVoting(TenantId tenant, StoredProcess s) {
        Optional<PhaseDates> voting = s.process().voting();
        if (s.countedAt().isPresent() || store.ballotsInBox(tenant, s.process().code()) > 0
                || voting.isPresent() && !today().isBefore(voting.get().starts())) {
            throw new ConflictException("the vote in '" + s.process().code() + "' has opened: its projects can no longer change",
                    "participation.conflict.projectsFixed", s.process().code());
        }
    }

    static void inScope(SaolaPrincipal caller, String department) {
        caller.departmentScope().ifPresent(scope -> {
            if (!scope.contains(department)) {
                throw new NotFoundException("no participatory process of your departments by that code",
                        "participation.notFound.yourProcess");
            }
        });
    }

    // ---- the vote

    /**
     * A resident's ballot into the box, committed together with their entry in the register of those who took
     * part (group commit, {@link BallotWriter}): acknowledged means committed. Their earlier ballot, if any, is
     * replaced.
     */
    public Cast cast(TenantId tenant, String processCode, UUID resident, Channel channel, Ballot ballot) {
        Terms terms = terms(tenant, processCode);
        StoredProcess s = terms.stored();
        ParticipatoryProcess p = s.process();
        java.time.LocalDateTime now = now();
        LocalDate today = now.toLocalDate();
        PhaseDates voting = p.voting().orElseThrow(() -> new ConflictException("'" + p.titleEn() + "' has no vote",
                "participation.conflict.noVote"));
        if (today.isBefore(voting.starts())) {
            throw new ConflictException("the vote opens on " + voting.starts(), "participation.conflict.voteOpens", voting.starts());
        }
        if (s.countedAt().isPresent() || p.votingOverAt(now)) {
            throw closed(p);
        }
        if (p.eligibility() == ParticipatoryProcess.Eligibility.CENSUS) {
            String ward = censusWard(tenant, p, resident);
            if (p.byWard() && !ballot.scope().equals(ward)) {
                throw new InvalidInputException("scope", "you vote in the budget of your ward on the census list, " + ward,
                        "participation.problem.censusWardBudget", ward);
            }
        }
        BallotRules.check(p, terms.projects(), ballot);
        BallotKey key = key(tenant, processCode, true).orElseThrow();
        String receipt = Receipts.next();
        java.util.concurrent.CompletableFuture<Boolean> done = writer.submit(new BallotWriter.Pending(tenant, processCode,
                key.slot(voter(resident)), key.seal(ballot), receipt, resident, channel.name(), today,
                new java.util.concurrent.CompletableFuture<>()));
        try {
            return new Cast(receipt, done.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ConflictException c) {
                throw closed(p);
            }
            throw new IllegalStateException("your ballot could not be stored; vote again", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("your ballot is taking too long to store; check your receipt page, or vote again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a ballot", e);
        }
    }

    /**
     * The ward of the census list in which this resident votes in a process that asks for the list; refused
     * ({@link NotEligible}) when they have not proved an ID number of it, or the list has them in a ward the process
     * is not for ('' when the list gives no ward and the process is for the whole city).
     */
    public String censusWard(TenantId tenant, ParticipatoryProcess p, UUID resident) {
        String ward = census.wardOf(tenant, resident).orElseThrow(() -> new NotEligible("'" + p.titleEn()
                + "' is for residents on the city's census list: prove your ID number first (on the ballot page, or at a ward office)",
                false, "participation.conflict.censusProofNeeded"));
        if (!p.wards().isEmpty() && !p.wards().contains(ward)) {
            throw new NotEligible("'" + p.titleEn() + "' is for residents of " + String.join(", ", p.wards())
                    + "; the census list has you in " + (ward.isEmpty() ? "no ward" : ward), true,
                    ward.isEmpty() ? "participation.conflict.censusNoWard" : "participation.conflict.censusOtherWard",
                    String.join(", ", p.wards()), ward);
        }
        return ward;
    }

    /**
     * A ballot entered by an officer for a resident who came to a ward office for help (assisted voting, as at a
     * polling station). The resident is identified by the phone or e-mail they give (the officer checks who they
     * are); signing in later with it finds the same resident, so one ballot per resident holds across channels
     * (the newest counts). The officer and the resident are in the audit log; what was chosen is not.
     */
    public Cast castAssisted(SaolaPrincipal officer, String processCode, String contact, Ballot ballot) {
        return castAssisted(officer, processCode, contact, null, ballot);
    }

    /**
     * As {@link #castAssisted(SaolaPrincipal, String, String, Ballot)}, for a process that asks for the census
     * list: the officer types the ID number from the card the resident shows, which links them to it if they had
     * not proved it before.
     */
    public Cast castAssisted(SaolaPrincipal officer, String processCode, String contact, String idNumber, Ballot ballot) {
        ParticipatoryProcess p = find(officer.tenant(), processCode).process();
        if (contact == null || contact.isBlank()) {
            throw new InvalidInputException("contact", "give the resident's phone number or e-mail address, as they give it",
                    "participation.problem.contact");
        }
        UUID resident = residents.recordContact(officer.tenant(), org.saola.platform.residents.Contact.parse(contact), Optional.empty());
        if (p.eligibility() == ParticipatoryProcess.Eligibility.CENSUS && idNumber != null && !idNumber.isBlank()) {
            switch (census.prove(officer.tenant(), resident, idNumber)) {
                case LINKED -> { }
                case NOT_LISTED -> throw new InvalidInputException("idNumber", "this ID number is not on the census list",
                        "participation.problem.idNotListed");
                case TAKEN -> throw new ConflictException("this ID number is linked to another resident's account: "
                        + "the city's staff must check who holds it before anyone votes with it", "participation.conflict.idTaken");
                case HAS_ANOTHER -> throw new ConflictException("this resident's account is linked to another ID number of the census list",
                        "participation.conflict.idHasAnother");
                case TOO_MANY_TRIES -> throw new ConflictException("too many ID numbers were tried for this resident today",
                        "participation.conflict.idTooManyTries");
            }
        }
        Cast cast = cast(officer.tenant(), processCode, resident, Channel.ASSISTED, ballot);
        audit.record(officer.tenant(), "BALLOT_ASSISTED", "process:" + processCode, "",
                Map.of("resident", resident.toString(), "replaced", cast.replaced()));
        return cast;
    }

    /** The resident's ballot as it is in the box, while the vote is open (after the count nobody can find it). */
    public Optional<MyBallot> myBallot(TenantId tenant, String processCode, UUID resident) {
        return key(tenant, processCode, false).flatMap(key -> store.inSlot(tenant, processCode, key.slot(voter(resident)))
                .map(b -> new MyBallot(key.open(b.sealed()), b.receipt())));
    }

    public ReceiptState receipt(TenantId tenant, String processCode, String typed) {
        find(tenant, processCode);
        String receipt = Receipts.normalise(typed);
        if (receipt.isEmpty()) {
            throw new InvalidInputException("receipt", "a receipt has 12 letters and digits, like ABCD-EFGH-JK23",
                    "participation.problem.receipt");
        }
        return store.receipt(tenant, processCode, receipt);
    }

    public Map<String, Integer> turnout(TenantId tenant, String processCode) {
        find(tenant, processCode);
        return store.turnout(tenant, processCode);
    }

    private static String voter(UUID resident) {
        return "resident:" + resident;
    }

    private Optional<BallotKey> key(TenantId tenant, String processCode, boolean create) {
        String k = cacheKey(tenant, processCode);
        BallotKey known = keys.get(k);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> sealed = store.sealedKey(tenant, processCode);
        if (sealed.isEmpty() && create) {
            sealed = Optional.of(store.keepKey(tenant, processCode,
                    cipher.encrypt(Base64.getEncoder().encodeToString(BallotKey.generate().raw()))));
        }
        Optional<BallotKey> key = sealed.map(s -> new BallotKey(Base64.getDecoder().decode(cipher.decrypt(s))));
        key.ifPresent(x -> keys.put(k, x));
        return key;
    }

    // ---- the count

    /**
     * Opens the box once the vote is over: every ballot unsealed, the count made by the process's rule, the
     * anonymous ballots and counted receipts published, the sealed ballots and the key destroyed. Runs once
     * (the process row is locked and the count recorded); false when there was nothing to do.
     */
    @Transactional
    public boolean count(TenantId tenant, String processCode) {
        store.lockBoxExclusive(tenant, processCode);
        StoredProcess s = store.lockProcess(tenant, processCode)
                .orElseThrow(() -> new NotFoundException("no participatory process '" + processCode + "'",
                        "participation.notFound.process", processCode));
        if (s.countedAt().isPresent()) {
            return false;
        }
        ParticipatoryProcess p = s.process();
        if (!p.votingOverAt(now())) {
            throw new ConflictException(p.voting().isEmpty() ? "'" + processCode + "' has no vote"
                    : "the vote in '" + processCode + "' is open until " + closing(p) + "; it is counted after",
                    p.voting().isEmpty() ? "participation.conflict.noVote" : "participation.conflict.countAfterClose", closingArgs(p));
        }
        List<Ballot> ballots = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        Optional<BallotKey> key = key(tenant, processCode, false);
        if (key.isPresent()) {
            for (SealedBallot b : store.box(tenant, processCode)) {
                ballots.add(key.get().open(b.sealed()));
                receipts.add(b.receipt());
            }
        }
        List<Tally.ScopeResult> results = Tally.count(p, store.projects(tenant, processCode), ballots);
        store.publish(tenant, processCode, ballots, receipts, results, clock.instant());
        keys.remove(cacheKey(tenant, processCode));      // destroyed with the row, here too
        forget(tenant, processCode);
        audit.record(tenant, "system", "VOTE_COUNTED", "process:" + processCode, "", Map.of("ballots", ballots.size()));
        return true;
    }

    /** A member of staff counts a vote that is over (their own departments' processes only); false if counted before. */
    @Transactional
    public boolean count(SaolaPrincipal caller, String processCode) {
        inScope(caller, find(caller.tenant(), processCode).process().department());
        return count(caller.tenant(), processCode);      // within this transaction
    }

    /** Every tenant's processes whose vote is over and not yet counted (the count timer counts them). */
    public List<Map.Entry<TenantId, String>> dueForCount() {
        java.time.LocalDateTime now = now();
        return store.uncounted().stream().filter(e -> e.getValue().process().votingOverAt(now))
                .map(e -> Map.entry(e.getKey(), e.getValue().process().code())).toList();
    }

    public List<Ballot> publishedBallots(TenantId tenant, String processCode) {
        countedOrRefuse(tenant, processCode);
        return store.publishedBallots(tenant, processCode);
    }

    public List<String> countedReceipts(TenantId tenant, String processCode) {
        countedOrRefuse(tenant, processCode);
        return store.countedReceipts(tenant, processCode);
    }

    /**
     * The published count: for each budget, in the process's order, its ballots, what was funded and every
     * project with its votes and rank (as {@link Tally} made it).
     */
    public List<Tally.ScopeResult> results(TenantId tenant, String processCode) {
        StoredProcess s = countedOrRefuse(tenant, processCode);
        Map<String, List<Tally.ProjectResult>> byScope = store.results(tenant, processCode);
        Map<String, Integer> ballots = store.ballotsPerScope(tenant, processCode);
        return s.process().budgets().stream().map(b -> {
            List<Tally.ProjectResult> rows = byScope.getOrDefault(b.scope(), List.of());
            return new Tally.ScopeResult(b.scope(), b.amount(), ballots.getOrDefault(b.scope(), 0),
                    rows.stream().filter(Tally.ProjectResult::selected).mapToLong(Tally.ProjectResult::cost).sum(), rows);
        }).toList();
    }

    private StoredProcess countedOrRefuse(TenantId tenant, String processCode) {
        StoredProcess s = find(tenant, processCode);
        if (s.countedAt().isEmpty()) {
            throw new ConflictException(s.process().voting().isEmpty() ? "'" + processCode + "' has no vote"
                    : "the vote in '" + processCode + "' has not been counted yet; it closes on " + closing(s.process()),
                    s.process().voting().isEmpty() ? "participation.conflict.noVote" : "participation.conflict.notCounted",
                    closingArgs(s.process()));
        }
        return s;
    }
}
