package org.saola.participation.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.store.ConsultationStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consultations and surveys (docs/participation.md): the department puts questions to residents between two
 * days; anyone (or signed-in residents, of given wards) answers, a signed-in resident once, changeable until
 * the close; the results are published once it closes, and the department's response with them, which
 * reaches the residents who follow the process.
 */
public class ConsultationService {

    /** Where a consultation stands on a day. */
    public enum State { UPCOMING, OPEN, CLOSED }

    public record View(Consultation consultation, State state, int answers, String responseVi, String responseEn,
            Optional<java.time.Instant> respondedAt) {

        public String response(boolean vietnamese) {
            return vietnamese ? responseVi : responseEn;
        }
    }

    private final ParticipationService processes;
    private final ConsultationStore store;
    private final FollowUpService followUp;
    private final AuditLog audit;
    private final java.time.InstantSource clock;

    private final org.saola.platform.residents.ResidentAccounts residents;
    private final Census census;

    public ConsultationService(ParticipationService processes, ConsultationStore store, FollowUpService followUp, AuditLog audit,
            java.time.InstantSource clock, org.saola.platform.residents.ResidentAccounts residents, Census census) {
        this.residents = residents;
        this.census = census;
        this.processes = processes;
        this.store = store;
        this.followUp = followUp;
        this.audit = audit;
        this.clock = clock;
    }

    private View view(TenantId tenant, ConsultationStore.Stored s) {
        LocalDate today = processes.today();
        Consultation c = s.consultation();
        State state = c.closedOn(today) ? State.CLOSED : c.openOn(today) ? State.OPEN : State.UPCOMING;
        return new View(c, state, store.answerCount(tenant, c.code()), s.responseVi(), s.responseEn(), s.respondedAt());
    }

    public View consultation(TenantId tenant, String code) {
        return view(tenant, find(tenant, code));
    }

    public List<View> ofProcess(TenantId tenant, String process) {
        return store.ofProcess(tenant, process).stream().map(s -> view(tenant, s)).toList();
    }

    private ConsultationStore.Stored find(TenantId tenant, String code) {
        return store.find(tenant, code).orElseThrow(() -> new NotFoundException("no consultation '" + code + "'",
                "participation.notFound.consultation", code));
    }

    // ---- the department

    /** Creates or changes a consultation; once answered, its questions and who may answer are fixed. */
    @Transactional
    public boolean define(SaolaPrincipal caller, Consultation c) {
        processes.managed(caller, c.process());
        Optional<ConsultationStore.Stored> before = store.lock(caller.tenant(), c.code());
        if (before.isPresent()) {
            Consultation b = before.get().consultation();
            processes.managed(caller, b.process());
            if (store.answerCount(caller.tenant(), c.code()) > 0 && (!b.questions().equals(c.questions())
                    || b.audience() != c.audience() || !b.wards().equals(c.wards()) || !b.process().equals(c.process()))) {
                throw new ConflictException("residents have answered '" + c.code() + "': its questions and who may answer can no longer change",
                        "participation.conflict.questionsFixed", c.code());
            }
        }
        boolean created = store.put(caller.tenant(), c, clock.instant());
        audit.record(caller.tenant(), created ? "CONSULTATION_CREATED" : "CONSULTATION_CHANGED", "process:" + c.process(), "",
                Map.of("consultation", c.code()));
        return created;
    }

    /**
     * The department's response to what residents said, once the consultation has closed; published with the
     * results and sent to the residents who follow the process.
     */
    @Transactional
    public View respond(SaolaPrincipal caller, String code, String responseVi, String responseEn) {
        ConsultationStore.Stored s = store.lock(caller.tenant(), code).orElseThrow(() -> new NotFoundException("no consultation '" + code + "'",
                "participation.notFound.consultation", code));
        Consultation c = s.consultation();
        processes.managed(caller, c.process());
        if (!c.closedOn(processes.today())) {
            throw new ConflictException("'" + code + "' closes on " + c.closes() + "; the response comes after the residents have answered",
                    "participation.conflict.responseAfterClose", code, c.closes());
        }
        String vi = NewProposal.text("responseVi", responseVi, 10, 8000);
        String en = responseEn == null || responseEn.isBlank() ? vi : NewProposal.text("responseEn", responseEn, 10, 8000);
        store.respond(caller.tenant(), code, vi, en, clock.instant());
        audit.record(caller.tenant(), "CONSULTATION_RESPONDED", "process:" + c.process(), "", Map.of("consultation", code));
        followUp.tellFollowers(caller.tenant(), c.process(), "Kết quả lấy ý kiến: " + c.titleVi() + " / Consultation results: " + c.titleEn(),
                vi + "\n\n" + en, "/city/participation/consultations/" + code);
        return consultation(caller.tenant(), code);
    }

    // ---- residents

    /**
     * Someone's answers: a signed-in resident's replace their earlier ones (true then); someone not signed in
     * answers only a consultation open to everyone. The ward, as declared, must be one of the consultation's
     * wards when it has some.
     */
    @Transactional
    public boolean answer(TenantId tenant, String code, Optional<UUID> resident, String ward, Map<String, List<String>> given) {
        return record(tenant, code, resident, ward, given, "ONLINE");
    }

    /**
     * Answers a resident gave in person at a ward office, entered by an officer: the resident is known by the
     * phone or e-mail they gave (the same account they reach when they sign in with it, so they answer once in
     * all: these replace their earlier answers, and theirs online later replace these), the answers are marked
     * as assisted, and the audit log records the officer and the resident, never the answers.
     */
    @Transactional
    public boolean answerAssisted(SaolaPrincipal officer, String code, String contact, String ward, Map<String, List<String>> given) {
        if (contact == null || contact.isBlank()) {
            throw new InvalidInputException("contact", "give the resident's phone number or e-mail: it keeps their answers to one",
                    "participation.problem.contactAnswers");
        }
        UUID resident = residents.recordContact(officer.tenant(), org.saola.platform.residents.Contact.parse(contact), Optional.empty());
        boolean replaced = record(officer.tenant(), code, Optional.of(resident), ward, given, "ASSISTED");
        audit.record(officer.tenant(), "CONSULTATION_ANSWER_ASSISTED", "consultation:" + code, "",
                Map.of("resident", resident.toString(), "replaced", replaced));
        return replaced;
    }

    private boolean record(TenantId tenant, String code, Optional<UUID> resident, String ward, Map<String, List<String>> given,
            String channel) {
        // Shared: answers go in side by side, while a change of the questions waits for them (and they for it).
        ConsultationStore.Stored s = store.share(tenant, code).orElseThrow(() -> new NotFoundException("no consultation '" + code + "'",
                "participation.notFound.consultation", code));
        Consultation c = s.consultation();
        LocalDate today = processes.today();
        if (!c.openOn(today)) {
            throw c.closedOn(today)
                    ? new ConflictException("'" + c.titleEn() + "' closed on " + c.closes(), "participation.conflict.consultationClosed", c.closes())
                    : new ConflictException("'" + c.titleEn() + "' opens on " + c.opens(), "participation.conflict.consultationOpens", c.opens());
        }
        if (c.audience() == Consultation.Audience.RESIDENTS && resident.isEmpty()) {
            throw new ConflictException("only residents signed in with a one-time code answer this consultation",
                    "participation.conflict.residentsOnly");
        }
        String w = ward == null ? "" : ward.strip();
        // A resident who proved an ID number of the city's census list has a verified ward: they answer as its resident.
        Optional<String> listed = c.wards().isEmpty() ? Optional.empty()
                : resident.flatMap(r -> census.wardOf(tenant, r)).filter(x -> !x.isBlank());
        if (listed.isPresent()) {
            if (!c.wards().contains(listed.get())) {
                throw new ConflictException("this consultation asks the residents of " + c.wards() + "; the census list puts you in "
                        + listed.get(), "participation.conflict.notYourWards", listed.get());
            }
            if (!w.isEmpty() && !w.equals(listed.get())) {
                throw new ConflictException("the census list puts you in " + listed.get() + ": you answer as a resident of that ward",
                        "participation.conflict.censusWard", listed.get());
            }
            w = listed.get();
        }
        if (!c.wards().isEmpty() && !c.wards().contains(w)) {
            throw new InvalidInputException("ward", "this consultation asks the residents of " + c.wards() + ": say which is yours",
                    "participation.problem.consultationWard", String.join(", ", c.wards()));
        }
        Map<String, List<String>> answers = c.check(given);
        return store.answer(tenant, code, resident, w, channel, answers, today);
    }

    public Optional<Map<String, List<String>>> mine(TenantId tenant, String code, UUID resident) {
        return store.mine(tenant, code, resident);
    }

    /** The results, published once the consultation has closed (409 before: no running tally sways those to come). */
    public List<Consultation.QuestionResult> results(TenantId tenant, String code) {
        Consultation c = find(tenant, code).consultation();
        if (!c.closedOn(processes.today())) {
            throw new ConflictException("the results of '" + code + "' are published when it closes, after " + c.closes(),
                    "participation.conflict.resultsAfterClose", code, c.closes());
        }
        return c.results(store.answers(tenant, code));
    }

    /** The free-text answers to a question, for the department to read (never published as such). */
    public List<String> texts(SaolaPrincipal caller, String code, String question) {
        Consultation c = find(caller.tenant(), code).consultation();
        processes.managed(caller, c.process());
        if (c.questions().stream().noneMatch(q -> q.code().equals(question) && q.kind() == Consultation.Kind.TEXT)) {
            throw new NotFoundException("no free-text question '" + question + "' in '" + code + "'",
                    "participation.notFound.textQuestion", question, code);
        }
        return store.answers(caller.tenant(), code).stream().map(a -> a.get(question)).filter(v -> v != null && !v.isEmpty())
                .map(v -> v.get(0)).toList();
    }
}
