package org.saola.participation.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.store.FollowUpStore;
import org.saola.participation.store.ProposalStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.media.PhotoStore;
import org.saola.platform.media.StoredPhotos;
import org.saola.platform.residents.ResidentMessages;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.transaction.annotation.Transactional;

/**
 * "You said, we did" (docs/participation.md): what became of what residents decided. The items of a process
 * are its funded projects (once the vote is counted) and its accepted proposals; the department records
 * progress on each (status, percentage, money spent, dates, a note, photos), links projects to the proposals
 * and residents' reports they answer, and every resident who asked to follow the process is told of each
 * update by e-mail or SMS.
 */
public class FollowUpService {

    /** Something residents decided and how it is going: the newest update first, and what it answers. */
    public record Item(Progress.Kind kind, String ref, String titleVi, String titleEn, Optional<Long> cost,
            List<Progress> updates, List<Long> proposals, List<Long> reports) {

        public String title(boolean vietnamese) {
            return vietnamese ? titleVi : titleEn;
        }

        public Optional<Progress> latest() {
            return updates.stream().findFirst();
        }
    }

    private final ParticipationService processes;
    private final ProposalStore proposals;
    private final FollowUpStore store;
    private final PhotoStore photos;
    private final ResidentMessages messages;
    private final AuditLog audit;
    private final java.time.InstantSource clock;
    private final String publicUrl;

    /** The consent following a process is ({@link org.saola.platform.residents.ConsentPurpose}), its scope the process. */
    public static final String CONSENT = "participation.follow";

    private final org.saola.platform.residents.ResidentConsents consents;
    /** The transactions of progress updates, which store their photos first, outside any. */
    private final org.springframework.transaction.support.TransactionOperations transactions;

    public FollowUpService(ParticipationService processes, ProposalStore proposals, FollowUpStore store, PhotoStore photos,
            ResidentMessages messages, AuditLog audit, java.time.InstantSource clock, String publicUrl,
            org.saola.platform.residents.ResidentConsents consents,
            org.springframework.transaction.support.TransactionOperations transactions) {
        this.transactions = transactions;
        this.consents = consents;
        this.processes = processes;
        this.proposals = proposals;
        this.store = store;
        this.photos = photos;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * The process's items: funded projects once counted (and any project with progress), then accepted
     * proposals, each with its updates (newest first) and, for a project, the proposals and reports it answers.
     */
    public List<Item> items(TenantId tenant, String process) {
        return items(tenant, processes.definition(tenant, process));
    }

    /** The items of a process the caller has already read (the process page reads it with its count of voters). */
    public List<Item> items(TenantId tenant, ParticipationService.Overview o) {
        String process = o.process().code();
        List<Progress> all = store.updates(tenant, process);
        Map<String, List<Long>> linkedProposals = new LinkedHashMap<>();
        Map<String, List<Long>> linkedReports = new LinkedHashMap<>();
        for (String[] l : store.links(tenant, process)) {
            (l[1].equals("PROPOSAL") ? linkedProposals : linkedReports).computeIfAbsent(l[0], k -> new ArrayList<>())
                    .add(Long.valueOf(l[2]));
        }
        java.util.Set<String> funded = new java.util.HashSet<>();
        if (o.counted()) {
            processes.results(tenant, process).forEach(s -> s.projects().stream().filter(Tally.ProjectResult::selected)
                    .forEach(r -> funded.add(r.code())));
        }
        List<Item> items = new ArrayList<>();
        for (Project p : o.projects()) {
            List<Progress> updates = updatesOf(all, Progress.Kind.PROJECT, p.code());
            if (funded.contains(p.code()) || !updates.isEmpty()) {
                items.add(new Item(Progress.Kind.PROJECT, p.code(), p.titleVi(), p.titleEn(), Optional.of(p.cost()), updates,
                        linkedProposals.getOrDefault(p.code(), List.of()), linkedReports.getOrDefault(p.code(), List.of())));
            }
        }
        for (Proposal p : proposals.list(tenant, process, new ProposalStore.Filter("", "", java.util.Set.of(Proposal.State.ACCEPTED),
                ProposalStore.Order.NEWEST, 500, 0))) {
            String ref = Integer.toString(p.number());
            String title = "#" + p.number() + " " + (p.hidden() ? "" : p.title());
            items.add(new Item(Progress.Kind.PROPOSAL, ref, title, title, Optional.empty(),
                    updatesOf(all, Progress.Kind.PROPOSAL, ref), List.of(), List.of()));
        }
        return items;
    }

    private static List<Progress> updatesOf(List<Progress> all, Progress.Kind kind, String ref) {
        return all.stream().filter(u -> u.kind() == kind && u.ref().equals(ref)).toList();
    }

    /** The items, for the staff of the department running the process (404 for another department's). */
    public List<Item> itemsToReport(SaolaPrincipal caller, String process) {
        processes.managed(caller, process);
        return items(caller.tenant(), process);
    }

    public Item item(TenantId tenant, String process, Progress.Kind kind, String ref) {
        return items(tenant, process).stream().filter(i -> i.kind() == kind && i.ref().equals(ref)).findFirst()
                .orElseThrow(() -> new NotFoundException("nothing to follow in '" + process + "' by " + kind + " " + ref,
                        kind == Progress.Kind.PROJECT ? "participation.notFound.followProject" : "participation.notFound.followProposal",
                        ref, process));
    }

    /** A progress photo, if it belongs to an update. */
    public Optional<byte[]> photo(TenantId tenant, UUID photo, boolean thumbnail) {
        return store.hasPhoto(tenant, photo) ? photos.get(tenant, photo, thumbnail) : Optional.empty();
    }

    // ---- the department

    /**
     * Records where a project or an accepted proposal stands; every follower of the process is told (the
     * message is written in this transaction and sent after it commits).
     */
    public Progress record(SaolaPrincipal caller, String process, Progress.Kind kind, String ref, Progress.New n) {
        processes.managed(caller, process);
        target(caller.tenant(), process, kind, ref);
        // the photos are made safe and stored before the transaction, outside it (see StoredPhotos)
        List<StoredPhotos.Stored> stored = StoredPhotos.put(photos, caller.tenant(), n.photos());
        try {
            return transactions.execute(status -> record(caller, process, kind, ref, n, StoredPhotos.ids(stored)));
        } catch (RuntimeException e) {
            StoredPhotos.forget(photos, caller.tenant(), stored);
            throw e;
        }
    }

    private Progress record(SaolaPrincipal caller, String process, Progress.Kind kind, String ref, Progress.New n, List<UUID> ids) {
        processes.managed(caller, process);
        Item item = target(caller.tenant(), process, kind, ref);
        Progress progress = new Progress(UUID.randomUUID(), kind, item.ref(), n.status(), n.percent(), n.spent(), n.starts(),
                n.ends(), n.noteVi(), n.noteEn(), ids, clock.instant());
        store.insert(caller.tenant(), process, progress);
        audit.record(caller.tenant(), "PROGRESS_RECORDED", "process:" + process, "",
                Map.of("kind", kind.name(), "ref", item.ref(), "status", n.status().name(), "percent", n.percent()));
        tellFollowers(caller.tenant(), process, "Tiến độ: " + item.titleVi() + " / Progress: " + item.titleEn(),
                item.titleVi() + ": " + vi(n.status()) + ", " + n.percent() + " %. " + n.noteVi() + "\n\n"
                        + item.titleEn() + ": " + en(n.status()) + ", " + n.percent() + " %. " + n.noteEn(),
                "/city/participation/" + process + "/follow-up/" + kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + item.ref());
        return progress;
    }

    /** The item an update is about: a project of the process, or one of its accepted proposals. */
    private Item target(TenantId tenant, String process, Progress.Kind kind, String ref) {
        String r = ref == null ? "" : ref.strip();
        if (kind == Progress.Kind.PROJECT) {
            Project project = processes.definition(tenant, process).projects().stream().filter(x -> x.code().equals(r)).findFirst()
                    .orElseThrow(() -> new NotFoundException("no project '" + r + "' in '" + process + "'",
                            "participation.notFound.project", r, process));
            return new Item(kind, project.code(), project.titleVi(), project.titleEn(), Optional.of(project.cost()), List.of(),
                    List.of(), List.of());
        }
        int number;
        try {
            number = Integer.parseInt(r);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("ref", "a proposal is given by its number; got '" + r + "'", "participation.problem.proposalRef");
        }
        Proposal proposal = proposals.find(tenant, process, number)
                .orElseThrow(() -> new NotFoundException("no proposal " + number + " in '" + process + "'",
                        "participation.notFound.proposal", number, process)).proposal();
        if (proposal.state() != Proposal.State.ACCEPTED) {
            throw new org.saola.platform.ConflictException("proposal " + number + " was not accepted: there is no progress to give on it",
                    "participation.conflict.noProgress", number);
        }
        String title = "#" + number + " " + (proposal.hidden() ? "" : proposal.title());
        return new Item(kind, Integer.toString(number), title, title, Optional.empty(), List.of(), List.of(), List.of());
    }

    private static String vi(Progress.Status s) {
        return switch (s) {
            case PLANNED -> "đã lên kế hoạch";
            case IN_PROGRESS -> "đang thực hiện";
            case DONE -> "đã hoàn thành";
            case CANCELLED -> "đã huỷ";
        };
    }

    private static String en(Progress.Status s) {
        return switch (s) {
            case PLANNED -> "planned";
            case IN_PROGRESS -> "under way";
            case DONE -> "done";
            case CANCELLED -> "cancelled";
        };
    }

    /** Says which proposals of the process and which residents' reports a project answers (replacing what was said). */
    @Transactional
    public void link(SaolaPrincipal caller, String process, String project, List<Long> proposalNumbers, List<Long> reports) {
        processes.managed(caller, process);
        target(caller.tenant(), process, Progress.Kind.PROJECT, project);
        for (Long n : proposalNumbers) {
            if (n == null || n < 1 || n > Integer.MAX_VALUE || proposals.find(caller.tenant(), process, n.intValue()).isEmpty()) {
                throw new InvalidInputException("proposals", "there is no proposal " + n + " in '" + process + "'",
                        "participation.problem.noSuchProposal", n, process);
            }
        }
        for (Long n : reports) {
            if (n == null || n < 1) {
                throw new InvalidInputException("reports", "a report is given by its number (1 or more); got " + n,
                        "participation.problem.reportNumber", n);
            }
        }
        store.link(caller.tenant(), process, project, proposalNumbers, reports);
        audit.record(caller.tenant(), "PROJECT_LINKED", "process:" + process, "",
                Map.of("project", project, "proposals", proposalNumbers.toString(), "reports", reports.toString()));
    }

    // ---- residents who follow

    public boolean follows(TenantId tenant, String process, UUID resident) {
        return store.follows(tenant, process, resident);
    }

    @Transactional
    public void follow(TenantId tenant, String process, UUID resident, boolean follow) {
        processes.definition(tenant, process);
        if (follow) {
            store.follow(tenant, process, resident, clock.instant());
            consents.given(tenant, resident, CONSENT, process);
        } else {
            store.unfollow(tenant, process, resident);
            consents.ended(tenant, resident, CONSENT, process);
        }
    }

    /**
     * Counts a vote that is over ({@link ParticipationService#count(TenantId, String)}) and, in the same
     * transaction, tells the process's followers which projects were chosen; false when it was counted before.
     */
    @Transactional
    public boolean countAndTell(TenantId tenant, String process) {
        if (!processes.count(tenant, process)) {
            return false;
        }
        tellResults(tenant, process);
        return true;
    }

    /** A member of staff counts a vote that is over now, and its followers are told (their own departments' only). */
    @Transactional
    public boolean countAndTell(SaolaPrincipal caller, String process) {
        if (!processes.count(caller, process)) {
            return false;
        }
        tellResults(caller.tenant(), process);
        return true;
    }

    private void tellResults(TenantId tenant, String process) {
        ParticipationService.Overview o = processes.definition(tenant, process);
        Map<String, Project> projects = new LinkedHashMap<>();
        o.projects().forEach(p -> projects.put(p.code(), p));
        StringBuilder vi = new StringBuilder();
        StringBuilder en = new StringBuilder();
        int ballots = 0;
        for (Tally.ScopeResult scope : processes.results(tenant, process)) {
            ballots += scope.ballots();
            for (Tally.ProjectResult r : scope.projects()) {
                if (r.selected() && projects.containsKey(r.code())) {
                    vi.append("\n- ").append(projects.get(r.code()).titleVi()).append(" (").append(r.votes()).append(" phiếu)");
                    en.append("\n- ").append(projects.get(r.code()).titleEn()).append(" (").append(r.votes()).append(" votes)");
                }
            }
        }
        tellFollowers(tenant, process, "Kết quả bỏ phiếu: " + o.process().titleVi() + " / Vote results: " + o.process().titleEn(),
                "Số phiếu đã kiểm: " + ballots + ". Dự án được chọn:" + (vi.isEmpty() ? " không có" : vi) + "\n\n"
                        + "Ballots counted: " + ballots + ". Projects chosen:" + (en.isEmpty() ? " none" : en),
                "/city/participation/" + process);
    }

    /** Sends every follower of the process a message with a link to a page of it (the sending after commit). */
    public void tellFollowers(TenantId tenant, String process, String subject, String text, String path) {
        String link = publicUrl + path;
        // one statement for all the followers (the count's locks are held while a vote's results are told)
        messages.enqueueAll(tenant, store.followers(tenant, process), subject, text + "\n\nXem / See: " + link
                + "\n\n(Bạn nhận tin này vì đã chọn theo dõi tiến trình này. / You get this because you chose to follow this process.)");
    }

    /** Tells a follower what the department answered to their proposal. */
    void answered(TenantId tenant, String process, UUID author, Proposal p) {
        if (!store.follows(tenant, process, author)) {
            return;
        }
        String link = publicUrl + "/city/participation/" + process + "/proposals/" + p.number();
        String vi = switch (p.state()) {
            case ACCEPTED -> "được chấp nhận";
            case REJECTED -> "không được chấp nhận";
            default -> "đã được gộp vào đề xuất " + p.mergedInto();
        };
        String en = switch (p.state()) {
            case ACCEPTED -> "accepted";
            case REJECTED -> "not accepted";
            default -> "merged into proposal " + p.mergedInto();
        };
        messages.enqueue(tenant, author, "Đề xuất #" + p.number() + " đã có trả lời / Proposal #" + p.number() + " answered",
                "Đề xuất \"" + p.title() + "\" của bạn " + vi + ". " + p.answer() + "\nXem: " + link + "\n\n"
                        + "Your proposal \"" + p.title() + "\" was " + en + ". " + p.answer() + "\nSee: " + link);
    }
}
