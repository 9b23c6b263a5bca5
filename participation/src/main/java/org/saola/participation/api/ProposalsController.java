package org.saola.participation.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.domain.Comment;
import org.saola.participation.domain.NewProposal;
import org.saola.participation.domain.Proposal;
import org.saola.participation.domain.ProposalCategory;
import org.saola.participation.domain.ProposalService;
import org.saola.participation.store.ProposalStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
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
 * Proposals as data: anyone reads a process's proposals and their comments (never who wrote them); the
 * department answers proposals and moderates what residents reported; a ward office enters a proposal for a
 * resident. Residents themselves propose, support and comment on the pages (signed in with a one-time code).
 */
@RestController
class ProposalsController {

    /** A proposal as published: photos as links, hidden words left out, the number of comments. */
    record ProposalView(int number, String title, String body, String category, String ward, String place, Double lat,
            Double lon, List<String> photos, int supports, String state, String answer, Integer mergedInto, boolean hidden,
            String hiddenReason, boolean assisted, String createdAt, String sentToDepartmentAt, String answeredAt,
            Integer comments) {

        static ProposalView of(Proposal p, Integer comments) {
            return new ProposalView(p.number(), p.title(), p.body(), p.category().name(), p.ward(), p.place(), p.lat(), p.lon(),
                    p.photos().stream().filter(ph -> ph.hiddenReason().isEmpty())
                            .map(ph -> "/city/participation/photos/" + ph.id() + ".jpg").toList(),
                    p.supports(), p.state().name(), p.answer(), p.mergedInto(), p.hidden(), p.hiddenReason(), p.assisted(),
                    p.createdAt().toString(), p.thresholdAt().map(Object::toString).orElse(null),
                    p.answeredAt().map(Object::toString).orElse(null), comments);
        }
    }

    record CommentView(UUID id, UUID replyTo, String author, String body, boolean hidden, String hiddenReason, String createdAt) {
        static CommentView of(Comment c) {
            return new CommentView(c.id(), c.parent().orElse(null), c.authorLabel() == 0 ? "author" : "resident " + c.authorLabel(),
                    c.body(), c.hidden(), c.hiddenReason(), c.createdAt().toString());
        }
    }

    record ProposalWithComments(ProposalView proposal, List<CommentView> comments) {
    }

    record Waiting(String process, ProposalView proposal) {
    }

    record ProjectFromProposalBody(String code, Long cost, String titleEn, String descriptionEn) {
    }

    record AnswerBody(String decision, String answer, Integer mergedInto) {
    }

    record ModerationBody(String action, String reason) {
    }

    record AssistedProposalBody(String contact, String title, String body, String category, String ward, String place,
            Double lat, Double lon) {
    }

    private final ProposalService proposals;
    private final PublicTenant tenants;

    ProposalsController(ProposalService proposals, PublicTenant tenants) {
        this.proposals = proposals;
        this.tenants = tenants;
    }

    // ---- public

    @GetMapping("/public/v1/participation/processes/{code}/proposals")
    @PublicRoute("residents' proposals are public, without who wrote them")
    List<ProposalView> list(@PathVariable String code, @RequestParam Optional<String> category, @RequestParam Optional<String> ward,
            @RequestParam Optional<String> state, @RequestParam(defaultValue = "SUPPORTS") String order,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset, HttpServletRequest request) {
        List<Proposal> list = proposals.proposals(tenants.of(request), code, ProposalService.filter(category, ward, state, order, limit, offset));
        Map<UUID, Integer> comments = proposals.commentCounts(list);
        return list.stream().map(p -> ProposalView.of(p, comments.getOrDefault(p.id(), 0))).toList();
    }

    @GetMapping("/public/v1/participation/processes/{code}/proposals/{number}")
    @PublicRoute("residents' proposals and their debate are public, without who wrote them")
    ProposalWithComments get(@PathVariable String code, @PathVariable int number, HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        List<Comment> comments = proposals.comments(tenant, code, number);
        return new ProposalWithComments(ProposalView.of(proposals.proposal(tenant, code, number),
                (int) comments.stream().filter(c -> !c.hidden()).count()), comments.stream().map(CommentView::of).toList());
    }

    // ---- the department

    /** Proposals waiting for an answer from the caller's departments, oldest first. */
    @GetMapping("/api/v1/participation/proposals/waiting")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    List<Waiting> waiting() {
        return proposals.waiting(CurrentCaller.principal(), 200).stream()
                .map(p -> new Waiting(p.processCode(), ProposalView.of(p, null))).toList();
    }

    @PostMapping("/api/v1/participation/processes/{code}/proposals/{number}/answer")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ProposalView answer(@PathVariable String code, @PathVariable int number, @RequestBody AnswerBody body) {
        Proposal.State decision;
        try {
            decision = Proposal.State.valueOf(body.decision() == null ? "" : body.decision().strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("decision", "decision is ACCEPTED, REJECTED or MERGED; got '" + body.decision() + "'");
        }
        return ProposalView.of(proposals.answer(CurrentCaller.principal(), code, number, decision, body.answer(), body.mergedInto()), null);
    }

    /** An accepted proposal becomes a project of the process's vote (while its projects may still change). */
    @PostMapping("/api/v1/participation/processes/{code}/proposals/{number}/project")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<org.saola.participation.domain.Project> toProject(@PathVariable String code, @PathVariable int number,
            @RequestBody ProjectFromProposalBody b) {
        return ResponseEntity.status(HttpStatus.CREATED).body(proposals.toProject(CurrentCaller.principal(), code, number, b.code(),
                b.cost(), b.titleEn(), b.descriptionEn()));
    }

    /** What residents reported and no moderator has dealt with yet, in the caller's departments' processes. */
    @GetMapping("/api/v1/participation/moderation")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    List<ProposalStore.Flagged> flagged() {
        return proposals.flagged(CurrentCaller.principal(), 200);
    }

    /** HIDE (with a reason shown in its place), SHOW again, or DISMISS the reports and leave it. */
    @PostMapping("/api/v1/participation/moderation/{kind}/{id}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<Void> moderate(@PathVariable String kind, @PathVariable UUID id, @RequestBody ModerationBody body) {
        String action = body.action() == null ? "" : body.action().strip();
        switch (action) {
            case "HIDE" -> proposals.moderate(CurrentCaller.principal(), kind, id, true, body.reason());
            case "SHOW" -> proposals.moderate(CurrentCaller.principal(), kind, id, false, "");
            case "DISMISS" -> proposals.dismissFlags(CurrentCaller.principal(), kind, id);
            default -> throw new InvalidInputException("action", "action is HIDE, SHOW or DISMISS; got '" + body.action() + "'");
        }
        return ResponseEntity.noContent().build();
    }

    /** A proposal entered at a ward office for a resident who came with it (their contact identifies them). */
    @PostMapping("/api/v1/participation/processes/{code}/assisted-proposals")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    ResponseEntity<ProposalView> assisted(@PathVariable String code, @RequestBody AssistedProposalBody b) {
        NewProposal n = new NewProposal(b.title(), b.body(), ProposalCategory.parse(b.category()), b.ward(), b.place(),
                b.lat(), b.lon(), List.of());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(ProposalView.of(proposals.submitAssisted(CurrentCaller.principal(), code, b.contact(), n), 0));
    }
}
