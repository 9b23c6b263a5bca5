package org.saola.participation.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saola.participation.domain.Budget;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.ParticipatoryProcess;
import org.saola.participation.domain.Phase;
import org.saola.participation.domain.PhaseDates;
import org.saola.participation.domain.Project;
import org.saola.participation.domain.VotingRule;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff define participatory processes and their projects, and may count a vote that is over before the
 * count timer does: {@code PUT /api/v1/participation/processes/{code}}, {@code PUT|DELETE
 * .../{code}/projects/{project}}, {@code POST .../{code}/count}. Reading is public ({@link PublicParticipationController}).
 */
@RestController
class ProcessesController {

    record PhaseBody(String phase, String starts, String ends) {
    }

    record VotingBody(String rule, Integer minimumSpendPercent, Integer maxChoices, Integer minProjects, String closesAt) {
    }

    record BudgetBody(String scope, Long amount) {
    }

    record ProcessBody(String titleVi, String titleEn, String summaryVi, String summaryEn, String department,
            List<String> wards, List<PhaseBody> phases, VotingBody voting, List<BudgetBody> budgets,
            Integer supportThreshold, String eligibility) {
    }

    record AssistedBallotBody(String contact, String idNumber, String scope, List<String> projects) {
    }

    record ProjectBody(String titleVi, String titleEn, String descriptionVi, String descriptionEn, Long cost, String scope) {
    }

    private final ParticipationService participation;
    private final org.saola.participation.domain.FollowUpService followUp;

    ProcessesController(ParticipationService participation, org.saola.participation.domain.FollowUpService followUp) {
        this.followUp = followUp;
        this.participation = participation;
    }

    @PutMapping("/api/v1/participation/processes/{code}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<PublicParticipationController.ProcessView> put(@PathVariable String code, @RequestBody ProcessBody body) {
        ParticipatoryProcess p = process(code, body);
        boolean created = participation.define(CurrentCaller.principal(), p);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(PublicParticipationController.ProcessView.of(participation.process(CurrentCaller.tenant(), code)));
    }

    @PutMapping("/api/v1/participation/processes/{code}/projects/{project}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<Project> putProject(@PathVariable String code, @PathVariable String project, @RequestBody ProjectBody body) {
        if (body.cost() == null) {
            throw new InvalidInputException("cost", "say what the project costs (in đồng)");
        }
        Project p = new Project(project, body.titleVi(), body.titleEn(), body.descriptionVi(), body.descriptionEn(),
                body.cost(), body.scope());
        boolean created = participation.putProject(CurrentCaller.principal(), code, p);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(p);
    }

    @DeleteMapping("/api/v1/participation/processes/{code}/projects/{project}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<Void> deleteProject(@PathVariable String code, @PathVariable String project) {
        participation.deleteProject(CurrentCaller.principal(), code, project);
        return ResponseEntity.noContent().build();
    }

    /**
     * A ballot entered at a ward office for a resident who asked for help; the answer's receipt is printed or
     * written down for them. 201, or 409 when the vote is not open, 400 when the ballot breaks the rule.
     */
    @PostMapping("/api/v1/participation/processes/{code}/assisted-ballots")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    ResponseEntity<Map<String, Object>> assisted(@PathVariable String code, @RequestBody AssistedBallotBody body) {
        if (body.projects() == null) {
            throw new InvalidInputException("projects", "list the projects the resident chose");
        }
        ParticipationService.Cast cast = participation.castAssisted(CurrentCaller.principal(), code, body.contact(), body.idNumber(),
                new org.saola.participation.domain.Ballot(body.scope(), body.projects()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("receipt", cast.receipt(), "replaced", cast.replaced(),
                "channel", "ASSISTED"));
    }

    /** Counts a vote that is over now rather than at the timer's next round; 409 while it is open. */
    @PostMapping("/api/v1/participation/processes/{code}/count")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    Map<String, Object> count(@PathVariable String code) {
        boolean now = followUp.countAndTell(CurrentCaller.principal(), code);
        return Map.of("counted", true, "countedNow", now);
    }

    static ParticipatoryProcess process(String code, ProcessBody b) {
        List<PhaseDates> phases = new ArrayList<>();
        if (b.phases() != null) {
            for (int i = 0; i < b.phases().size(); i++) {
                PhaseBody ph = b.phases().get(i);
                if (ph == null) {
                    throw new InvalidInputException("phases[" + i + "]", "a phase is an object with phase, starts and ends");
                }
                phases.add(new PhaseDates(phase(i, ph.phase()), day("phases[" + i + "].starts", ph.starts()),
                        day("phases[" + i + "].ends", ph.ends())));
            }
        }
        VotingRule rule = null;
        if (b.voting() != null) {
            VotingRule.Kind kind;
            try {
                kind = b.voting().rule() == null ? null : VotingRule.Kind.valueOf(b.voting().rule().strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("voting.rule", "voting.rule is KNAPSACK or APPROVAL; got '" + b.voting().rule() + "'");
            }
            java.time.LocalTime closesAt = VotingRule.closingTime("voting.closesAt", b.voting().closesAt());
            rule = new VotingRule(kind, b.voting().minimumSpendPercent() == null ? 0 : b.voting().minimumSpendPercent(),
                    b.voting().maxChoices() == null ? 0 : b.voting().maxChoices(),
                    b.voting().minProjects() == null ? 0 : b.voting().minProjects(), closesAt);
        }
        List<Budget> budgets = new ArrayList<>();
        if (b.budgets() != null) {
            for (BudgetBody bb : b.budgets()) {
                if (bb == null || bb.amount() == null) {
                    throw new InvalidInputException("budgets", "a budget is an object with an amount (and a ward as scope, or none)");
                }
                budgets.add(new Budget(bb.scope(), bb.amount()));
            }
        }
        return new ParticipatoryProcess(code, b.titleVi(), b.titleEn(), b.summaryVi(), b.summaryEn(), b.department(),
                b.wards(), phases, rule, budgets, b.supportThreshold() == null ? 0 : b.supportThreshold(),
                ParticipatoryProcess.Eligibility.of(b.eligibility()));
    }

    private static Phase phase(int i, String name) {
        try {
            return Phase.valueOf(name == null ? "" : name.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("phases[" + i + "].phase", "a phase is one of " + List.of(Phase.values())
                    + "; got '" + name + "'");
        }
    }

    private static LocalDate day(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required (a date, like 2026-12-01)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is a date like 2026-12-01; got '" + value + "'");
        }
    }
}
