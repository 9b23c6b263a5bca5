package org.saola.participation.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.store.ProposalStore;
import org.saola.participation.store.ProposalStore.Filter;
import org.saola.participation.store.ProposalStore.Flagged;
import org.saola.participation.store.ProposalStore.StoredProposal;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.media.PhotoStore;
import org.saola.platform.media.StoredPhotos;
import org.saola.platform.residents.Contact;
import org.saola.platform.residents.ResidentAccounts;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proposals and their debate (docs/participation.md): residents submit proposals during the proposals phase,
 * support and discuss them through the deliberation; a proposal whose supports reach the process's threshold
 * goes to the department, which answers it (accepted, rejected with reasons, merged into another); residents
 * report abuse, moderators hide with a reason. Nothing here publishes who wrote, supported or commented.
 */
public class ProposalService {

    /** At most this many proposals per resident and process (Decidim's "proposal limit per participant"). */
    public static final int PROPOSALS_PER_RESIDENT = 10;

    /** Why a resident reports a proposal or a comment. */
    public enum FlagReason { SPAM, OFFENSIVE, PERSONAL_DATA, OFF_TOPIC, OTHER }

    /** What a resident sees of their own relation to a proposal. */
    public record Mine(boolean author, boolean supported) {
    }

    private final ParticipationService processes;
    private final ProposalStore store;
    private final PhotoStore photos;
    private final ResidentAccounts residents;
    private final AuditLog audit;
    private final java.time.InstantSource clock;
    private final FollowUpService followUp;
    private final int hideAfterReports;

    /**
     * @param hideAfterReports how many residents' reports hide a proposal or a comment until a moderator looks at
     *                         it (3 by default, as Decidim's; 0 never hides without a moderator)
     */
    /** The transactions of submissions, which store their photos first, outside any (see {@link StoredPhotos}). */
    private final org.springframework.transaction.support.TransactionOperations transactions;

    public ProposalService(ParticipationService processes, ProposalStore store, PhotoStore photos, ResidentAccounts residents,
            AuditLog audit, java.time.InstantSource clock, FollowUpService followUp, int hideAfterReports,
            org.springframework.transaction.support.TransactionOperations transactions) {
        this.transactions = transactions;
        if (hideAfterReports < 0) {
            throw new IllegalArgumentException("saola.participation.hide-after-reports is 0 (never) or more; got " + hideAfterReports);
        }
        this.hideAfterReports = hideAfterReports;
        this.followUp = followUp;
        this.processes = processes;
        this.store = store;
        this.photos = photos;
        this.residents = residents;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- what anyone may read (hidden words left out)

    public List<Proposal> proposals(TenantId tenant, String process, Filter filter) {
        ParticipatoryProcess p = processes.definition(tenant, process).process();
        if (!filter.ward().isEmpty() && !p.wards().contains(filter.ward())) {
            throw new InvalidInputException("ward", "ward is one of the process's wards " + p.wards() + "; got '" + filter.ward() + "'",
                    "participation.problem.filterWard", String.join(", ", p.wards()));
        }
        return store.list(tenant, process, filter).stream().map(Proposal::redacted).toList();
    }

    public int count(TenantId tenant, String process) {
        return store.count(tenant, process);
    }

    public Proposal proposal(TenantId tenant, String process, int number) {
        return find(tenant, process, number).proposal().redacted();
    }

    /** The debate of a proposal; none while the proposal itself is hidden (replies often quote what was hidden). */
    public List<Comment> comments(TenantId tenant, String process, int number) {
        Proposal p = find(tenant, process, number).proposal();
        return p.hidden() ? List.of() : store.comments(p.id()).stream().map(Comment::redacted).toList();
    }

    public Map<UUID, Integer> commentCounts(List<Proposal> proposals) {
        return store.commentCounts(proposals.stream().map(Proposal::id).toList());
    }

    public Mine mine(TenantId tenant, String process, int number, UUID resident) {
        StoredProposal s = find(tenant, process, number);
        return new Mine(s.author().equals(resident), store.supported(s.proposal().id(), resident));
    }

    /** A proposal's photo or thumbnail, unless the photo or its proposal is hidden. */
    public Optional<byte[]> photo(TenantId tenant, UUID photo, boolean thumbnail) {
        return store.photo(photo).filter(p -> p.getValue().isEmpty())
                .flatMap(p -> store.byId(tenant, p.getKey()))
                .filter(s -> !s.proposal().hidden())
                .flatMap(s -> photos.get(tenant, photo, thumbnail));
    }

    private StoredProposal find(TenantId tenant, String process, int number) {
        return store.find(tenant, process, number)
                .orElseThrow(() -> new NotFoundException("no proposal " + number + " in '" + process + "'",
                        "participation.notFound.proposal", number, process));
    }

    /** The filter from query parameters, each checked: a bad value is a 400 naming it, never an empty list. */
    public static Filter filter(Optional<String> category, Optional<String> ward, Optional<String> state, String order,
            int limit, int offset) {
        String c = category.map(String::strip).filter(s -> !s.isEmpty()).map(s -> ProposalCategory.parse(s).name()).orElse("");
        Set<Proposal.State> states = EnumSet.noneOf(Proposal.State.class);
        for (String s : state.map(v -> v.split(",")).orElse(new String[0])) {
            if (s.isBlank()) {
                continue;
            }
            try {
                states.add(Proposal.State.valueOf(s.strip()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("state", "state is one or more of " + List.of(Proposal.State.values()) + "; got '" + s + "'",
                        "participation.problem.filterState");
            }
        }
        ProposalStore.Order o;
        try {
            o = ProposalStore.Order.valueOf(order.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("order", "order is one of " + List.of(ProposalStore.Order.values()) + "; got '" + order + "'",
                    "participation.problem.filterOrder");
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "limit is 1 to 500; got " + limit, "participation.problem.limit", limit);
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "offset is 0 or more; got " + offset, "participation.problem.offset", offset);
        }
        return new Filter(c, ward.map(String::strip).orElse(""), states, o, limit, offset);
    }

    // ---- what residents do

    /**
     * A resident's proposal, published at once (moderated when reported). The photos are made safe and stored
     * before the proposal is recorded, outside its transaction and the process's lock, so an acknowledged proposal
     * has its photos (and they are removed again if it is not recorded).
     */
    public Proposal submit(TenantId tenant, String process, UUID resident, NewProposal n) {
        accepting(tenant, process, n);
        List<StoredPhotos.Stored> stored = StoredPhotos.put(photos, tenant, n.photos());
        try {
            return transactions.execute(status -> submit(tenant, process, resident, n, false, stored));
        } catch (RuntimeException e) {
            StoredPhotos.forget(photos, tenant, stored);
            throw e;
        }
    }

    /**
     * A proposal an officer enters for a resident at a ward office, identified by the phone or e-mail they give;
     * marked as assisted, the officer and resident in the audit log.
     */
    public Proposal submitAssisted(SaolaPrincipal officer, String process, String contact, NewProposal n) {
        if (contact == null || contact.isBlank()) {
            throw new InvalidInputException("contact", "give the resident's phone number or e-mail address, as they give it",
                    "participation.problem.contact");
        }
        Contact resident = Contact.parse(contact);
        accepting(officer.tenant(), process, n);
        List<StoredPhotos.Stored> stored = StoredPhotos.put(photos, officer.tenant(), n.photos());
        try {
            return transactions.execute(status -> {
                UUID id = residents.recordContact(officer.tenant(), resident, Optional.empty());
                Proposal p = submit(officer.tenant(), process, id, n, true, stored);
                audit.record(officer.tenant(), "PROPOSAL_ASSISTED", "process:" + process, "",
                        Map.of("proposal", p.number(), "resident", id.toString()));
                return p;
            });
        } catch (RuntimeException e) {
            StoredPhotos.forget(photos, officer.tenant(), stored);
            throw e;
        }
    }

    /** Whether the process takes this proposal now (its phase, its wards); checked again when it is recorded. */
    private ParticipatoryProcess accepting(TenantId tenant, String process, NewProposal n) {
        ParticipationService.Overview o = processes.definition(tenant, process);
        ParticipatoryProcess p = o.process();
        if (!p.proposingOn(o.today())) {
            Optional<PhaseDates> proposing = p.phases().stream().filter(d -> d.phase() == Phase.PROPOSALS).findFirst();
            throw proposing.map(d -> new ConflictException("proposals are taken from " + d.starts() + " to " + d.ends(),
                            "participation.conflict.proposalsTaken", d.starts(), d.ends()))
                    .orElse(new ConflictException("this process takes no proposals", "participation.conflict.noProposals"));
        }
        if (!p.wards().isEmpty()) {
            if (n.ward().isEmpty()) {
                throw new InvalidInputException("ward", "say which ward the proposal is for: one of " + p.wards(),
                        "participation.problem.proposalWard", String.join(", ", p.wards()));
            }
            if (!p.wards().contains(n.ward())) {
                throw new InvalidInputException("ward", "this process concerns the wards " + p.wards() + "; got '" + n.ward() + "'",
                        "participation.problem.proposalOtherWard", String.join(", ", p.wards()), n.ward());
            }
        }
        return p;
    }

    private Proposal submit(TenantId tenant, String process, UUID resident, NewProposal n, boolean assisted,
            List<StoredPhotos.Stored> stored) {
        ParticipatoryProcess p = accepting(tenant, process, n);
        store.lockNumbers(tenant, process);          // one submission at a time per process: the cap holds
        if (store.countBy(tenant, process, resident) >= PROPOSALS_PER_RESIDENT) {
            throw new ConflictException("you have " + PROPOSALS_PER_RESIDENT + " proposals in this process already;"
                    + " withdraw one to make another", "participation.conflict.proposalLimit", PROPOSALS_PER_RESIDENT);
        }
        List<UUID> ids = StoredPhotos.ids(stored);
        UUID id = UUID.randomUUID();
        Proposal.State state = p.supportThreshold() == 0 ? Proposal.State.EVALUATING : Proposal.State.COLLECTING;
        int number = store.insert(tenant, process, id, resident, assisted, n.title(), n.body(), n.category(), n.ward(),
                n.place(), n.lat(), n.lon(), state, clock.instant(), ids);
        audit.record(tenant, "PROPOSAL_SUBMITTED", "process:" + process, "", Map.of("proposal", number,
                "channel", assisted ? "ASSISTED" : "ONLINE"));
        return find(tenant, process, number).proposal();
    }

    /**
     * A resident supports a proposal (once; again is a no-op). When the supports reach the process's threshold
     * the proposal goes to the department. The proposal's count after it.
     */
    @Transactional
    public int support(TenantId tenant, String process, int number, UUID resident) {
        ParticipatoryProcess p = debating(tenant, process);
        StoredProposal s = store.lock(tenant, process, number)
                .orElseThrow(() -> new NotFoundException("no proposal " + number + " in '" + process + "'",
                        "participation.notFound.proposal", number, process));
        if (s.author().equals(resident)) {
            throw new ConflictException("this is your own proposal: others support it", "participation.conflict.ownProposal");
        }
        if (s.proposal().hidden() || s.proposal().state() == Proposal.State.WITHDRAWN
                || s.proposal().state().answered()) {
            throw new ConflictException("proposal " + number + " no longer takes supports (it is "
                    + (s.proposal().hidden() ? "hidden by the moderators" : s.proposal().state().name().toLowerCase(java.util.Locale.ROOT)) + ")",
                    "participation.conflict.noMoreSupports", number);
        }
        Optional<Integer> after = store.support(s.proposal().id(), resident);
        int supports = after.orElse(s.proposal().supports());
        if (after.isPresent() && s.proposal().state() == Proposal.State.COLLECTING && supports >= p.supportThreshold()) {
            store.toDepartment(s.proposal().id(), clock.instant());
            audit.record(tenant, "PROPOSAL_TO_DEPARTMENT", "process:" + process, "",
                    Map.of("proposal", number, "supports", supports, "department", p.department()));
        }
        return supports;
    }

    /** A resident takes their support back, while supports are taken (a proposal sent to the department stays there). */
    @Transactional
    public void unsupport(TenantId tenant, String process, int number, UUID resident) {
        debating(tenant, process);
        StoredProposal s = store.lock(tenant, process, number)
                .orElseThrow(() -> new NotFoundException("no proposal " + number + " in '" + process + "'",
                        "participation.notFound.proposal", number, process));
        if (s.proposal().hidden() || s.proposal().state() == Proposal.State.WITHDRAWN || s.proposal().state().answered()) {
            throw new ConflictException("proposal " + number + " is answered or closed: its supports stay as they were",
                    "participation.conflict.supportsKept", number);
        }
        store.unsupport(s.proposal().id(), resident);
    }

    /** The author withdraws their proposal while it is still collecting supports. */
    @Transactional
    public void withdraw(TenantId tenant, String process, int number, UUID resident) {
        StoredProposal s = store.lock(tenant, process, number)
                .orElseThrow(() -> new NotFoundException("no proposal " + number + " in '" + process + "'",
                        "participation.notFound.proposal", number, process));
        if (!s.author().equals(resident)) {
            throw new NotFoundException("no proposal " + number + " of yours in '" + process + "'",
                    "participation.notFound.yourProposal", number, process);
        }
        if (s.proposal().state() != Proposal.State.COLLECTING) {
            throw new ConflictException("proposal " + number + " is with the department or answered: it can no longer be withdrawn",
                    "participation.conflict.noWithdrawal", number);
        }
        store.withdraw(s.proposal().id());
        audit.record(tenant, "PROPOSAL_WITHDRAWN", "process:" + process, "", Map.of("proposal", number));
    }

    /** A comment on a proposal, or a reply to one of its comments, while the process is debating. */
    @Transactional
    public Comment comment(TenantId tenant, String process, int number, UUID resident, Optional<UUID> parent, String body) {
        debating(tenant, process);
        String text = NewProposal.text("comment", body, 2, 2000);
        StoredProposal s = find(tenant, process, number);
        if (s.proposal().hidden() || s.proposal().state() == Proposal.State.WITHDRAWN) {
            throw new ConflictException("proposal " + number + " is closed to comments", "participation.conflict.noComments", number);
        }
        if (parent.isPresent() && !store.proposalOf(tenant, parent.get()).equals(Optional.of(s.proposal().id()))) {
            throw new InvalidInputException("parent", "the comment replied to is not one of this proposal's",
                    "participation.problem.commentParent");
        }
        return store.comment(s.proposal().id(), s.author(), parent, resident, text, clock.instant());
    }

    /** A resident reports a proposal or a comment to the moderators (once each; again is a no-op). */
    @Transactional
    public void flag(TenantId tenant, String kind, UUID target, UUID resident, FlagReason reason, String details) {
        String k = kind(kind);
        if (reason == null) {
            throw new InvalidInputException("reason", "say why: one of " + List.of(FlagReason.values()), "participation.problem.flagReason");
        }
        String d = org.saola.participation.domain.Project.optional("details", details, 500);
        StoredProposal s = target(tenant, k, target).orElseThrow(() -> new NotFoundException("nothing to report by that id",
                "participation.notFound.flagTarget"));
        // One report at a time per proposal (and its comments), so the one that makes it three is counted as such.
        store.lock(tenant, s.proposal().processCode(), s.proposal().number());
        if (store.flag(tenant, k, target, resident, reason.name(), d, clock.instant()) && hideAfterReports > 0
                && store.openReports(tenant, k, target) >= hideAfterReports && store.hideIfShown(tenant, k, target,
                Proposal.AWAITING_MODERATION)) {
            // Hidden at once so an insult or someone's phone number does not stay up all night; its reports stay
            // open, so it waits in the moderators' queue like any reported words.
            audit.record(tenant, "PARTICIPATION_HIDDEN_BY_REPORTS", "process:" + s.proposal().processCode(), "",
                    Map.of("kind", k, "id", target.toString(), "proposal", s.proposal().number(), "reports", hideAfterReports));
        }
    }

    private ParticipatoryProcess debating(TenantId tenant, String process) {
        ParticipationService.Overview o = processes.definition(tenant, process);
        if (!o.process().debatingOn(o.today())) {
            throw new ConflictException("the proposals of '" + process + "' are not open for supports and comments now",
                    "participation.conflict.notDebating");
        }
        return o.process();
    }

    private static String kind(String kind) {
        String k = kind == null ? "" : kind.strip().toUpperCase(java.util.Locale.ROOT);
        if (!k.equals("PROPOSAL") && !k.equals("COMMENT")) {
            throw new InvalidInputException("kind", "what is reported is a PROPOSAL or a COMMENT; got '" + kind + "'",
                    "participation.problem.flagKind");
        }
        return k;
    }

    // ---- what the department does

    /** Proposals waiting for an answer from the caller's departments, oldest first. */
    public List<Proposal> waiting(SaolaPrincipal caller, int limit) {
        return store.waiting(caller.tenant(), caller.departmentScope(), limit);
    }

    /**
     * The department's answer: ACCEPTED (an answer saying what happens next is welcome), REJECTED (the reasons,
     * required), or MERGED into another proposal of the process (its number). An answer may be corrected.
     */
    @Transactional
    public Proposal answer(SaolaPrincipal caller, String process, int number, Proposal.State decision, String answer,
            Integer mergedInto) {
        processes.managed(caller, process);
        StoredProposal s = store.lock(caller.tenant(), process, number)
                .orElseThrow(() -> new NotFoundException("no proposal " + number + " in '" + process + "'",
                        "participation.notFound.proposal", number, process));
        if (decision == null || !decision.answered()) {
            throw new InvalidInputException("decision", "the answer is ACCEPTED, REJECTED or MERGED", "participation.problem.decision");
        }
        if (s.proposal().state() == Proposal.State.WITHDRAWN) {
            throw new ConflictException("proposal " + number + " was withdrawn by its author",
                    "participation.conflict.proposalWithdrawn", number);
        }
        String text = Project.optional("answer", answer, 4000);
        if (decision == Proposal.State.REJECTED && text.length() < 10) {
            throw new InvalidInputException("answer", "a rejection gives its reasons (at least 10 characters)",
                    "participation.problem.rejectionReasons");
        }
        Integer into = null;
        if (decision == Proposal.State.MERGED) {
            if (mergedInto == null || mergedInto == number) {
                throw new InvalidInputException("mergedInto", "say which other proposal of the process it is merged into (its number)",
                        "participation.problem.mergedInto");
            }
            Optional<Proposal> target = store.find(caller.tenant(), process, mergedInto).map(StoredProposal::proposal);
            if (target.isEmpty()) {
                throw new InvalidInputException("mergedInto", "there is no proposal " + mergedInto + " in '" + process + "'",
                        "participation.problem.noSuchProposal", mergedInto, process);
            }
            if (target.get().hidden() || target.get().state() == Proposal.State.WITHDRAWN || target.get().state() == Proposal.State.MERGED) {
                throw new InvalidInputException("mergedInto", "proposal " + mergedInto + " is hidden, withdrawn or merged itself:"
                        + " merge into the proposal that carries the idea on", "participation.problem.mergeTarget", mergedInto);
            }
            into = mergedInto;
        }
        store.answer(s.proposal().id(), decision, text, into, clock.instant());
        audit.record(caller.tenant(), "PROPOSAL_ANSWERED", "process:" + process, "",
                Map.of("proposal", number, "decision", decision.name()));
        Proposal answered = find(caller.tenant(), process, number).proposal();
        followUp.answered(caller.tenant(), process, s.author(), answered);
        return answered;
    }

    /**
     * Turns an accepted proposal into a project residents can fund: its title and words become the project's
     * (English given by staff, else the same), with the cost staff estimated; the budget is the proposal's
     * ward's when the process has ward budgets. The project is linked to the proposal, so "you said, we did"
     * leads from one to the other.
     */
    @Transactional
    public Project toProject(SaolaPrincipal caller, String process, int number, String code, Long cost, String titleEn,
            String descriptionEn) {
        ParticipatoryProcess p = processes.managed(caller, process);
        Proposal proposal = find(caller.tenant(), process, number).proposal();
        if (proposal.state() != Proposal.State.ACCEPTED || proposal.hidden()) {
            throw new ConflictException("proposal " + number + " is not accepted: only an accepted proposal becomes a project",
                    "participation.conflict.notAccepted", number);
        }
        if (cost == null) {
            throw new InvalidInputException("cost", "say what the project costs (in đồng)", "participation.problem.projectCostMissing");
        }
        String title = proposal.title().length() > 200 ? proposal.title().substring(0, 200) : proposal.title();
        Project project = new Project(code, title, titleEn == null || titleEn.isBlank() ? title : titleEn, proposal.body(),
                descriptionEn == null || descriptionEn.isBlank() ? proposal.body() : descriptionEn, cost,
                p.byWard() ? proposal.ward() : "");
        if (!processes.putProject(caller, process, project)) {
            throw new ConflictException("there is a project '" + code + "' already in '" + process + "'; choose another code",
                    "participation.conflict.projectExists", code, process);
        }
        followUp.link(caller, process, code, List.of((long) number), List.of());
        return project;
    }

    // ---- moderation

    public List<Flagged> flagged(SaolaPrincipal caller, int limit) {
        return store.flagged(caller.tenant(), caller.departmentScope(), limit);
    }

    /**
     * A moderator hides a proposal's or a comment's words (the reason is shown in their place) or, with an empty
     * reason, shows them again; either way the residents' reports of it are dealt with.
     */
    @Transactional
    public void moderate(SaolaPrincipal caller, String kind, UUID target, boolean hide, String reason) {
        String k = kind(kind);
        StoredProposal s = moderated(caller, k, target);
        String why = Project.optional("reason", reason, 500);
        if (hide && (why.length() < 3 || why.equals(Proposal.AWAITING_MODERATION))) {
            throw new InvalidInputException("reason", "say why it is hidden; residents see the reason in its place",
                    "participation.problem.hideReason");
        }
        store.hide(caller.tenant(), k, target, hide ? why : "");
        audit.record(caller.tenant(), hide ? "PARTICIPATION_HIDDEN" : "PARTICIPATION_SHOWN", "process:" + s.proposal().processCode(),
                "", Map.of("kind", k, "id", target.toString(), "proposal", s.proposal().number()));
    }

    /** A reported or moderated proposal, or the proposal of a comment. */
    private Optional<StoredProposal> target(TenantId tenant, String kind, UUID target) {
        return "PROPOSAL".equals(kind) ? store.byId(tenant, target)
                : store.proposalOf(tenant, target).flatMap(id -> store.byId(tenant, id));
    }

    /** The proposal of what a moderator acts on, if the caller's departments run its process. */
    private StoredProposal moderated(SaolaPrincipal caller, String kind, UUID target) {
        StoredProposal s = target(caller.tenant(), kind, target).orElseThrow(() -> new NotFoundException("nothing to moderate by that id",
                "participation.notFound.moderationTarget"));
        processes.managed(caller, s.proposal().processCode());
        return s;
    }

    /**
     * A moderator finds nothing wrong: the reports of it are dismissed, and words hidden only because enough
     * residents reported them are shown again; a moderator's own hiding stays.
     */
    @Transactional
    public void dismissFlags(SaolaPrincipal caller, String kind, UUID target) {
        String k = kind(kind);
        StoredProposal s = moderated(caller, k, target);
        store.showIfHiddenFor(caller.tenant(), k, target, Proposal.AWAITING_MODERATION);
        store.dismiss(caller.tenant(), k, target);
        audit.record(caller.tenant(), "PARTICIPATION_REPORTS_DISMISSED", "process:" + s.proposal().processCode(), "",
                Map.of("kind", k, "id", target.toString()));
    }
}
