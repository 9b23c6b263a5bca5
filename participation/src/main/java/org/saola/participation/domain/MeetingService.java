package org.saola.participation.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.store.MeetingStore;
import org.saola.participation.store.ProposalStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.transaction.annotation.Transactional;

/**
 * Meetings in person (docs/participation.md): the department announces them with what makes them accessible;
 * signed-in residents register and say what help they need (the department sees how many need each, never
 * who); afterwards the department publishes the minutes and the proposals that came out of the meeting.
 */
public class MeetingService {

    private final ParticipationService processes;
    private final MeetingStore store;
    private final ProposalStore proposals;
    private final AuditLog audit;
    private final java.time.InstantSource clock;

    public MeetingService(ParticipationService processes, MeetingStore store, ProposalStore proposals, AuditLog audit,
            java.time.InstantSource clock) {
        this.processes = processes;
        this.store = store;
        this.proposals = proposals;
        this.audit = audit;
        this.clock = clock;
    }

    public List<MeetingStore.Stored> meetings(TenantId tenant, String process) {
        processes.definition(tenant, process);
        return store.ofProcess(tenant, process);
    }

    public MeetingStore.Stored meeting(TenantId tenant, String process, String code) {
        return store.find(tenant, process, code).orElseThrow(() -> new NotFoundException("no meeting '" + code + "' in '" + process + "'",
                        "participation.notFound.meeting", code, process));
    }

    public boolean past(MeetingStore.Stored m) {
        return !clock.instant().isBefore(m.meeting().starts());
    }

    // ---- the department

    @Transactional
    public boolean define(SaolaPrincipal caller, String process, Meeting m) {
        ParticipatoryProcess p = processes.managed(caller, process);
        if (!m.ward().isEmpty() && !p.wards().isEmpty() && !p.wards().contains(m.ward())) {
            throw new InvalidInputException("ward", "the meeting's ward is one of the process's " + p.wards() + "; got '" + m.ward() + "'",
                    "participation.problem.meetingWard", String.join(", ", p.wards()));
        }
        Optional<MeetingStore.Stored> before = store.lock(caller.tenant(), process, m.code());
        if (before.isPresent() && m.capacity() > 0 && m.capacity() < before.get().registered()) {
            throw new ConflictException(before.get().registered() + " residents have registered: the meeting needs at least that many places",
                    "participation.conflict.capacityBelowRegistered", before.get().registered());
        }
        boolean created = store.put(caller.tenant(), process, m, clock.instant());
        audit.record(caller.tenant(), created ? "MEETING_CREATED" : "MEETING_CHANGED", "process:" + process, "", Map.of("meeting", m.code()));
        return created;
    }

    /** How many registered residents need each provision: what to prepare, without anyone's name. */
    public Map<String, Integer> needs(SaolaPrincipal caller, String process, String code) {
        processes.managed(caller, process);
        meeting(caller.tenant(), process, code);
        return store.needs(caller.tenant(), process, code);
    }

    /** The minutes, once the meeting has begun, with the numbers of the proposals of the process that came out of it. */
    @Transactional
    public MeetingStore.Stored minutes(SaolaPrincipal caller, String process, String code, String vi, String en, List<Integer> numbers) {
        processes.managed(caller, process);
        MeetingStore.Stored m = store.lock(caller.tenant(), process, code)
                .orElseThrow(() -> new NotFoundException("no meeting '" + code + "' in '" + process + "'",
                        "participation.notFound.meeting", code, process));
        if (!past(m)) {
            throw new ConflictException("the meeting starts at " + m.meeting().starts() + "; its minutes come after",
                    "participation.conflict.minutesAfterMeeting");
        }
        String minutesVi = NewProposal.text("minutesVi", vi, 10, 20000);
        String minutesEn = en == null || en.isBlank() ? minutesVi : NewProposal.text("minutesEn", en, 10, 20000);
        List<Integer> list = numbers == null ? List.of() : numbers.stream().distinct().toList();
        for (Integer n : list) {
            if (n == null || proposals.find(caller.tenant(), process, n).isEmpty()) {
                throw new InvalidInputException("proposals", "there is no proposal " + n + " in '" + process + "'",
                        "participation.problem.noSuchProposal", n, process);
            }
        }
        store.minutes(caller.tenant(), process, code, minutesVi, minutesEn, list, clock.instant());
        audit.record(caller.tenant(), "MEETING_MINUTES", "process:" + process, "", Map.of("meeting", code));
        return meeting(caller.tenant(), process, code);
    }

    // ---- residents

    /** Registers a resident (or changes what they need) while the meeting is ahead and has places. */
    @Transactional
    public void register(TenantId tenant, String process, String code, UUID resident, List<Meeting.Provision> needs) {
        MeetingStore.Stored m = store.lock(tenant, process, code)
                .orElseThrow(() -> new NotFoundException("no meeting '" + code + "' in '" + process + "'",
                        "participation.notFound.meeting", code, process));
        if (past(m)) {
            throw new ConflictException("the meeting has begun: registration is closed", "participation.conflict.meetingBegun");
        }
        boolean already = store.registration(tenant, process, code, resident).isPresent();
        if (!already && m.meeting().capacity() > 0 && m.registered() >= m.meeting().capacity()) {
            throw new ConflictException("the meeting is full (" + m.meeting().capacity() + " places)",
                    "participation.conflict.meetingFull", m.meeting().capacity());
        }
        store.register(tenant, process, code, resident, needs == null ? List.of() : needs.stream().distinct().toList(), clock.instant());
    }

    @Transactional
    public void cancel(TenantId tenant, String process, String code, UUID resident) {
        meeting(tenant, process, code);
        store.cancel(tenant, process, code, resident);
    }

    public Optional<List<Meeting.Provision>> registration(TenantId tenant, String process, String code, UUID resident) {
        return store.registration(tenant, process, code, resident);
    }
}
