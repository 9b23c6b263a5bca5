package org.saola.participation.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.saola.participation.domain.Ballot;
import org.saola.participation.domain.Budget;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.PhaseDates;
import org.saola.participation.domain.Project;
import org.saola.participation.domain.Tally;
import org.saola.platform.TenantId;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What anyone may read of participation, with no key: processes and their projects, and once a vote is
 * counted its results, the anonymous ballots (to count again) and the receipts that were counted.
 */
@RestController
class PublicParticipationController {

    record ProcessView(String code, String titleVi, String titleEn, String summaryVi, String summaryEn, String department,
            List<String> wards, List<PhaseDates> phases, String currentPhase, String today, Map<String, Object> voting,
            List<Budget> budgets, List<Project> projects, int votersSoFar, String countedAt, Integer ballotsCounted,
            int supportThreshold, String eligibility) {

        static ProcessView of(ParticipationService.Overview o) {
            var p = o.process();
            Map<String, Object> voting = null;
            if (p.rule() != null) {
                voting = new java.util.LinkedHashMap<>();
                voting.put("rule", p.rule().kind().name());
                voting.put("minimumSpendPercent", p.rule().minimumSpendPercent());
                voting.put("maxChoices", p.rule().maxChoices());
                voting.put("minProjects", p.rule().minProjects());
                voting.put("closesAt", p.rule().closesAt() == null ? null : p.rule().closesAt().toString());
                voting.put("closes", p.votingCloses().map(Object::toString).orElse(null));
                voting.put("tieRule", Tally.TIE_RULE);
            }
            return new ProcessView(p.code(), p.titleVi(), p.titleEn(), p.summaryVi(), p.summaryEn(), p.department(),
                    p.wards(), p.phases(), o.phase().map(d -> d.phase().name()).orElse(null), o.today().toString(), voting,
                    p.budgets(), o.projects(), o.ballotsInBox(), o.countedAt().map(Object::toString).orElse(null), o.ballotsCounted().orElse(null),
                    p.supportThreshold(), p.eligibility().name());
        }
    }

    record ResultsView(String process, String rule, String tieRule, int ballotsCounted, Map<String, Integer> turnout,
            List<Tally.ScopeResult> budgets) {
    }

    private final ParticipationService participation;
    private final PublicTenant tenants;

    PublicParticipationController(ParticipationService participation, PublicTenant tenants) {
        this.participation = participation;
        this.tenants = tenants;
    }

    @GetMapping("/public/v1/participation/processes")
    @PublicRoute("participatory processes are public")
    List<ProcessView> list(HttpServletRequest request) {
        return participation.processes(tenants.of(request)).stream().map(ProcessView::of).toList();
    }

    @GetMapping("/public/v1/participation/processes/{code}")
    @PublicRoute("participatory processes are public")
    ProcessView get(@PathVariable String code, HttpServletRequest request) {
        return ProcessView.of(participation.process(tenants.of(request), code));
    }

    @GetMapping("/public/v1/participation/processes/{code}/results")
    @PublicRoute("the results of a vote are public once it is counted")
    ResultsView results(@PathVariable String code, HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        List<Tally.ScopeResult> budgets = participation.results(tenant, code);
        ParticipationService.Overview o = participation.process(tenant, code);
        return new ResultsView(code, o.process().rule().kind().name(), Tally.TIE_RULE, o.ballotsCounted().orElse(0),
                participation.turnout(tenant, code), budgets);
    }

    /** Every counted ballot, anonymous and in random order: anyone can count them again by the published rule. */
    @GetMapping("/public/v1/participation/processes/{code}/ballots")
    @PublicRoute("the anonymous ballots of a counted vote are public, so that anyone can recount")
    ResponseEntity<List<Ballot>> ballots(@PathVariable String code, HttpServletRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(participation.publishedBallots(tenants.of(request), code));
    }

    /** The same ballots as CSV, one per line: scope, then the projects chosen separated by spaces. */
    @GetMapping(path = "/public/v1/participation/processes/{code}/ballots.csv", produces = "text/csv")
    @PublicRoute("the anonymous ballots of a counted vote are public, so that anyone can recount")
    ResponseEntity<String> ballotsCsv(@PathVariable String code, HttpServletRequest request) {
        StringBuilder csv = new StringBuilder("scope,projects\r\n");
        for (Ballot b : participation.publishedBallots(tenants.of(request), code)) {
            csv.append('"').append(b.scope().replace("\"", "\"\"")).append("\",\"").append(String.join(" ", b.projects()))
                    .append("\"\r\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    @GetMapping("/public/v1/participation/processes/{code}/receipts")
    @PublicRoute("the receipts counted are public: each voter finds theirs")
    List<String> receipts(@PathVariable String code, HttpServletRequest request) {
        return participation.countedReceipts(tenants.of(request), code);
    }

    @GetMapping("/public/v1/participation/processes/{code}/receipts/{receipt}")
    @PublicRoute("a voter checks their receipt")
    Map<String, String> receipt(@PathVariable String code, @PathVariable String receipt, HttpServletRequest request) {
        return Map.of("receipt", receipt, "state", participation.receipt(tenants.of(request), code, receipt).name());
    }
}
