package org.saola.participation.web;

import jakarta.servlet.http.HttpServletRequest;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.saola.participation.domain.Ballot;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.ParticipationService.Overview;
import org.saola.participation.domain.Project;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ResidentPrincipal;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.ResidentRoute;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The residents' side of participation, every page without JavaScript: the processes, each process's page
 * (phases, projects, and after the count the results as a table with bars), the ballot (a signed-in
 * resident ticks projects; the server checks the rule and says what is wrong in plain words), the receipt,
 * and a receipt check anyone can make.
 */
@Controller
@WebPage
class ParticipationPagesController {

    /** A project as the pages show it: title and description in the page's language, the cost written out. */
    record ProjectView(String code, String title, String description, long cost, String costText, boolean chosen) {
    }

    /** A row of the results: a project, its votes, the share of ballots, whether it is funded. */
    record ResultRow(int rank, String title, String costText, int votes, int percent, boolean selected) {
    }

    /** A process's document as its page links it. */
    record DocumentLink(java.util.UUID id, String title, String size) {
    }

    record ScopeResults(String scope, String budgetText, String spentText, int ballots, List<ResultRow> rows) {
    }

    private final ParticipationService participation;
    private final PublicTenant tenants;
    private final MessageSource messages;
    private final org.saola.platform.security.Departments departments;
    private final BallotForm problems;
    private final org.saola.participation.domain.ProposalService proposals;
    private final org.saola.participation.domain.FollowUpService followUp;
    private final org.saola.participation.domain.ConsultationService consultations;
    private final org.saola.participation.domain.MeetingService meetings;
    private final java.time.ZoneId zone;
    private final org.saola.participation.domain.Census census;
    private final org.saola.participation.domain.ProcessDocuments documents;
    private final boolean smsEnabled;
    private final String smsNumber;

    ParticipationPagesController(ParticipationService participation, PublicTenant tenants, MessageSource messages,
            org.saola.platform.security.Departments departments, BallotForm problems,
            org.saola.participation.domain.ProposalService proposals, org.saola.participation.domain.FollowUpService followUp,
            org.saola.participation.domain.ConsultationService consultations, org.saola.participation.domain.MeetingService meetings,
            @org.springframework.beans.factory.annotation.Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone,
            @org.springframework.beans.factory.annotation.Value("${saola.participation.sms-inbound-token:}") String smsToken,
            @org.springframework.beans.factory.annotation.Value("${saola.participation.sms-number:}") String smsNumber,
            org.saola.participation.domain.Census census, org.saola.participation.domain.ProcessDocuments documents) {
        this.census = census;
        this.documents = documents;
        this.smsEnabled = !smsToken.isBlank();
        this.smsNumber = smsNumber;
        this.meetings = meetings;
        this.zone = java.time.ZoneId.of(zone);
        this.consultations = consultations;
        this.proposals = proposals;
        this.followUp = followUp;
        this.problems = problems;
        this.departments = departments;
        this.participation = participation;
        this.tenants = tenants;
        this.messages = messages;
    }


    static String money(long amount) {
        NumberFormat f = NumberFormat.getIntegerInstance(CityTime.vietnamese() ? Locale.forLanguageTag("vi-VN") : Locale.UK);
        return f.format(amount) + (CityTime.vietnamese() ? " ₫" : " VND");
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    @GetMapping("/city/participation")
    @PublicRoute("residents see the city's participatory processes")
    String list(HttpServletRequest request, Model model) {
        boolean vi = CityTime.vietnamese();
        model.addAttribute("processes", participation.processes(tenants.of(request)));
        model.addAttribute("vi", vi);
        return "participation/list";
    }

    @GetMapping("/city/participation/{code}")
    @PublicRoute("each participatory process has a public page")
    String process(@PathVariable String code, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        Overview o = participation.process(tenant, code);
        boolean vi = CityTime.vietnamese();
        model.addAttribute("o", o);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", vi);
        model.addAttribute("proposalCount", proposals.count(tenant, code));
        model.addAttribute("followUp", followUp.items(tenant, o));
        model.addAttribute("consultations", consultations.ofProcess(tenant, code));
        model.addAttribute("meetings", meetings.meetings(tenant, code));
        model.addAttribute("documents", documents.list(tenant, code).stream().map(d -> new DocumentLink(d.id(), d.title(vi),
                org.saola.participation.domain.ProcessDocuments.size(d.size()))).toList());
        model.addAttribute("zone", zone);
        model.addAttribute("smsNumbers", org.saola.participation.domain.SmsVoting.numbers(o.projects()));
        model.addAttribute("smsVoting", smsEnabled && o.votingOpen());
        model.addAttribute("smsNumber", smsNumber);
        Optional<ResidentPrincipal> me = CurrentCaller.resident();
        model.addAttribute("residentSignedIn", me.isPresent());
        model.addAttribute("following", me.map(r -> followUp.follows(tenant, code, r.residentId())).orElse(false));
        model.addAttribute("departmentName", departments.find(tenant, o.process().department())
                .map(d -> vi ? d.nameVi() : d.nameEn()).orElse(o.process().department()));
        model.addAttribute("budgets", o.process().budgets().stream().map(b -> Map.of("scope", b.scope(),
                "amount", money(b.amount()), "projects", views(o.projects(), b.scope(), List.of()))).toList());
        if (o.counted()) {
            model.addAttribute("results", results(tenant, o));
            model.addAttribute("turnout", participation.turnout(tenant, code));
        }
        return "participation/process";
    }

    private List<ScopeResults> results(TenantId tenant, Overview o) {
        boolean vi = CityTime.vietnamese();
        Map<String, Project> projects = new java.util.HashMap<>();
        o.projects().forEach(p -> projects.put(p.code(), p));
        return participation.results(tenant, o.process().code()).stream().map(s -> new ScopeResults(s.scope(),
                money(s.budget()), money(s.spent()), s.ballots(), s.projects().stream().map(r -> new ResultRow(r.rank(),
                        projects.get(r.code()).title(vi), money(r.cost()), r.votes(),
                        s.ballots() == 0 ? 0 : Math.round(100f * r.votes() / s.ballots()), r.selected())).toList())).toList();
    }

    static List<ProjectView> views(List<Project> projects, String scope, List<String> chosen) {
        boolean vi = CityTime.vietnamese();
        return projects.stream().filter(p -> p.scope().equals(scope)).map(p -> new ProjectView(p.code(), p.title(vi),
                p.description(vi), p.cost(), money(p.cost()), chosen.contains(p.code()))).toList();
    }

    // ---- the ballot

    @GetMapping("/city/participation/{code}/vote")
    @PublicRoute("the ballot page; it asks a resident to sign in before they can vote")
    String ballot(@PathVariable String code, @RequestParam Optional<String> scope, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        Overview o = participation.definition(tenant, code);
        Optional<ResidentPrincipal> me = CurrentCaller.resident();
        Optional<ParticipationService.MyBallot> mine = me.flatMap(r -> participation.myBallot(tenant, code, r.residentId()));
        String chosenScope = scope.map(String::strip).orElse(mine.map(m -> m.ballot().scope()).orElse(""));
        return ballotPage(tenant, o, me, mine, chosenScope, mine.map(m -> m.ballot().projects()).orElse(List.of()), model);
    }

    private String ballotPage(TenantId tenant, Overview o, Optional<ResidentPrincipal> me, Optional<ParticipationService.MyBallot> mine,
            String scope, List<String> chosen, Model model) {
        boolean signedIn = me.isPresent();
        model.addAttribute("censusNeeded", false);
        if (signedIn && o.process().eligibility() == org.saola.participation.domain.ParticipatoryProcess.Eligibility.CENSUS) {
            // The census list says who may vote, and in which ward's budget: the resident proves their number first.
            try {
                String ward = participation.censusWard(tenant, o.process(), me.get().residentId());
                if (o.process().byWard()) {
                    scope = ward;
                }
            } catch (ParticipationService.NotEligible e) {
                model.addAttribute(e.proved() ? "notEligible" : "censusNeeded", e.proved()
                        ? message("participation.census.otherWard", String.join(", ", o.process().wards())) : true);
            }
        }
        BallotForm.fill(model, o, scope, chosen);
        model.addAttribute("residentSignedIn", signedIn);
        model.addAttribute("mine", mine.orElse(null));
        model.addAttribute("signInLink", org.saola.web.shell.ResidentLinks.signIn("/city/participation/" + o.process().code() + "/vote"));
        return "participation/vote";
    }

    @PostMapping("/city/participation/{code}/vote")
    @ResidentRoute
    String cast(@PathVariable String code, @RequestParam(defaultValue = "") String scope,
            @RequestParam(name = "project", required = false) List<String> projects, HttpServletRequest request,
            Model model) {
        TenantId tenant = tenants.of(request);
        ResidentPrincipal me = CurrentCaller.resident().orElseThrow();
        Overview o = participation.definition(tenant, code);
        List<String> chosen = projects == null ? List.of() : projects;
        Ballot ballot = new Ballot(scope, chosen);
        try {
            problems.explain(o, ballot);
            ParticipationService.Cast cast = participation.cast(tenant, code, me.residentId(), ParticipationService.Channel.ONLINE, ballot);
            // The receipt page reads the ballot back from the box: nothing of it is kept in the session.
            return "redirect:/city/participation/" + code + "/voted" + (cast.replaced() ? "?replaced=true" : "");
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("problem", org.saola.web.shell.ProblemText.of(messages, e));
            return ballotPage(tenant, o, Optional.of(me), participation.myBallot(tenant, code, me.residentId()), scope, chosen, model);
        }
    }

    /** A resident proves an ID number of the census list, then goes on to the ballot. */
    @PostMapping("/city/participation/{code}/census")
    @ResidentRoute
    String proveCensus(@PathVariable String code, @RequestParam(defaultValue = "") String idNumber, HttpServletRequest request,
            Model model) {
        TenantId tenant = tenants.of(request);
        ResidentPrincipal me = CurrentCaller.resident().orElseThrow();
        Overview o = participation.definition(tenant, code);
        org.saola.participation.domain.Census.Proof proof = census.prove(tenant, me.residentId(), idNumber);
        if (proof == org.saola.participation.domain.Census.Proof.LINKED) {
            return "redirect:/city/participation/" + code + "/vote";
        }
        model.addAttribute("censusProblem", message("participation.census." + proof.name()));
        return ballotPage(tenant, o, Optional.of(me), Optional.empty(), "", List.of(), model);
    }

    @GetMapping("/city/participation/{code}/voted")
    @ResidentRoute
    String voted(@PathVariable String code, @RequestParam(defaultValue = "false") boolean replaced,
            HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        Overview o = participation.definition(tenant, code);
        Optional<ParticipationService.MyBallot> mine = participation.myBallot(tenant, code, CurrentCaller.resident().orElseThrow().residentId());
        model.addAttribute("receipt", mine.map(ParticipationService.MyBallot::receipt).orElse(null));
        model.addAttribute("replaced", replaced && mine.isPresent());
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("chosen", mine.map(m -> views(o.projects(), m.ballot().scope(), m.ballot().projects()).stream()
                .filter(ProjectView::chosen).toList()).orElse(List.of()));
        model.addAttribute("closes", o.process().voting().map(v -> v.ends().toString()).orElse(""));
        model.addAttribute("following", followUp.follows(tenant, code, CurrentCaller.resident().orElseThrow().residentId()));
        return "participation/voted";
    }

    /** A document of the process, as the PDF it is (opened in the browser, or saved). */
    @GetMapping("/city/participation/{code}/documents/{id}")
    @PublicRoute("a process's documents are public")
    org.springframework.http.ResponseEntity<byte[]> document(@PathVariable String code, @PathVariable java.util.UUID id,
            HttpServletRequest request) {
        org.saola.participation.store.DocumentStore.File f = documents.file(tenants.of(request), code, id);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", org.springframework.http.ContentDisposition.inline()
                        .filename(code + "-" + id.toString().substring(0, 8) + ".pdf").build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
                .body(f.content());
    }

    // ---- paper: a ballot to print, and a results sheet per ward for the ward office's notice board

    /**
     * A ballot to print, for one budget: the rule in words and the projects with a box to tick, their SMS numbers
     * when SMS voting is on. A resident fills it in at the ward office, where the officer enters it (an assisted
     * ballot) and hands back the receipt; with a budget per ward and no ward chosen, it lists the wards to print.
     */
    @GetMapping("/city/participation/{code}/paper-ballot")
    @PublicRoute("a ballot to print for a ward office")
    String paperBallot(@PathVariable String code, @RequestParam(defaultValue = "") String scope, HttpServletRequest request,
            Model model) {
        TenantId tenant = tenants.of(request);
        Overview o = participation.process(tenant, code);
        if (o.process().rule() == null) {
            throw new org.saola.platform.NotFoundException("'" + code + "' has no vote, so no ballot to print",
                    "participation.notFound.noBallot");
        }
        BallotForm.fill(model, o, scope.strip(), List.of());
        model.addAttribute("smsNumbers", org.saola.participation.domain.SmsVoting.numbers(o.projects()));
        model.addAttribute("smsVoting", smsEnabled);
        model.addAttribute("smsNumber", smsNumber);
        // The last day, and the closing time when it is not the day's end (votingCloses() is then the next midnight).
        model.addAttribute("closes", o.process().voting().map(v -> v.ends() + (o.process().rule().closesAt() == null ? ""
                : " " + o.process().rule().closesAt())).orElse(""));
        return "participation/paper-ballot";
    }

    /** The count as a sheet to print and post, one budget (a ward's, or the whole process's) per page. */
    @GetMapping("/city/participation/{code}/results-sheet")
    @PublicRoute("the results of a counted vote, to print and post at ward offices")
    String resultsSheet(@PathVariable String code, @RequestParam(defaultValue = "") String scope, HttpServletRequest request,
            Model model) {
        TenantId tenant = tenants.of(request);
        Overview o = participation.process(tenant, code);
        if (!o.counted()) {
            throw new ConflictException("the vote in '" + code + "' has not been counted yet", "participation.conflict.notCountedYet");
        }
        List<ScopeResults> all = results(tenant, o);
        List<ScopeResults> sheets = scope.isBlank() ? all : all.stream().filter(s -> s.scope().equals(scope.strip())).toList();
        if (sheets.isEmpty()) {
            throw new org.saola.platform.NotFoundException("'" + code + "' has no budget for '" + scope + "'",
                    "participation.notFound.budget", scope);
        }
        model.addAttribute("o", o);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("sheets", sheets);
        model.addAttribute("turnout", participation.turnout(tenant, code));
        model.addAttribute("countedAt", o.countedAt().map(t -> java.time.LocalDateTime.ofInstant(t, zone)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' ')).orElse(""));
        model.addAttribute("recountUrl", org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request)
                .path("/public/v1/participation/processes/{c}/ballots.csv").buildAndExpand(code).toUriString());
        return "participation/results-sheet";
    }

    // ---- receipts

    @GetMapping("/city/participation/{code}/receipt")
    @PublicRoute("anyone holding a receipt checks it here")
    String receipt(@PathVariable String code, @RequestParam Optional<String> receipt, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        Overview o = participation.definition(tenant, code);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("typed", receipt.orElse(""));
        if (receipt.isPresent() && !receipt.get().isBlank()) {
            try {
                model.addAttribute("state", participation.receipt(tenant, code, receipt.get()).name());
            } catch (InvalidInputException e) {
                model.addAttribute("problem", message("participation.receipt.malformed"));
            }
        }
        return "participation/receipt";
    }
}
