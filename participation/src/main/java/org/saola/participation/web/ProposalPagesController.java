package org.saola.participation.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.domain.Comment;
import org.saola.participation.domain.NewProposal;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.Proposal;
import org.saola.participation.domain.ProposalCategory;
import org.saola.participation.domain.ProposalService;
import org.saola.participation.store.ProposalStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
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
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Residents' proposals on the pages, every one without JavaScript: a process's proposals (filters, most
 * supported or newest first, a map when JavaScript runs), the form to propose (signed in), each proposal with
 * its supports, the department's answer and the debate in threads (reply and report forms open in place with
 * {@code <details>}), and the proposals' photos. Nobody's name is shown: "the proposer", "resident 2".
 */
@Controller
@WebPage
class ProposalPagesController {

    /** A comment and its replies, as the thread shows them; replies deeper than {@link #MAX_DEPTH} stay at that depth. */
    record Node(Comment comment, String author, String at, int depth, List<Node> replies) {
    }

    static final int MAX_DEPTH = 3;

    private final ProposalService proposals;
    private final org.saola.participation.domain.FollowUpService followUp;
    private final ParticipationService participation;
    private final PublicTenant tenants;
    private final MessageSource messages;
    private final CityTime time;
    private final org.saola.platform.security.RateLimits limits;

    ProposalPagesController(ProposalService proposals, org.saola.participation.domain.FollowUpService followUp,
            ParticipationService participation, PublicTenant tenants, MessageSource messages, CityTime time,
            org.saola.platform.security.RateLimits limits) {
        this.limits = limits;
        this.proposals = proposals;
        this.followUp = followUp;
        this.participation = participation;
        this.tenants = tenants;
        this.messages = messages;
        this.time = time;
    }


    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** A problem in the page's language: the form field's own message when there is one, else the problem's. */
    private String problem(RuntimeException e) {
        String key = e instanceof InvalidInputException i ? "participation.proposal.problem." + i.field() : "";
        String own = key.isEmpty() ? null : messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
        return own != null ? own : org.saola.web.shell.ProblemText.of(messages, e);
    }

    private String base(String code) {
        return "/city/participation/" + code + "/proposals";
    }


    /** A resident who publishes too much in an hour waits (the limit is per resident, whatever the device). */
    private void slowDown(UUID resident) {
        org.saola.platform.security.RateLimits.Verdict v = limits.residentPost(resident.toString());
        if (!v.allowed()) {
            long minutes = (v.retryAfterSeconds() + 59) / 60;
            throw new ConflictException(message("participation.proposal.slowDown", minutes), "participation.proposal.slowDown", minutes);
        }
    }

    // ---- the list

    @GetMapping("/city/participation/{code}/proposals")
    @PublicRoute("residents' proposals are public, without who wrote them")
    String list(@PathVariable String code, @RequestParam Optional<String> category, @RequestParam Optional<String> ward,
            @RequestParam Optional<String> state, @RequestParam(defaultValue = "SUPPORTS") String order,
            HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        ParticipationService.Overview o = participation.definition(tenant, code);
        List<Proposal> list;
        try {
            list = proposals.proposals(tenant, code,
                    ProposalService.filter(category, ward, state, order, 200, 0));
        } catch (InvalidInputException e) {
            model.addAttribute("problem", problem(e));
            list = proposals.proposals(tenant, code, new ProposalStore.Filter("", "", java.util.Set.of(),
                    ProposalStore.Order.SUPPORTS, 200, 0));
        }
        model.addAttribute("o", o);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("proposals", list);
        model.addAttribute("comments", proposals.commentCounts(list));
        model.addAttribute("categories", ProposalCategory.values());
        model.addAttribute("category", category.orElse(""));
        model.addAttribute("ward", ward.orElse(""));
        model.addAttribute("state", state.orElse(""));
        model.addAttribute("order", order);
        model.addAttribute("located", list.stream().anyMatch(Proposal::located));
        return "participation/proposals";
    }

    // ---- proposing

    @GetMapping("/city/participation/{code}/proposals/new")
    @PublicRoute("the proposal form; it asks a resident to sign in before they can propose")
    String form(@PathVariable String code, HttpServletRequest request, Model model) {
        ParticipationService.Overview o = participation.definition(tenants.of(request), code);
        return form(o, Map.of(), model);
    }

    private String form(ParticipationService.Overview o, Map<String, String> typed, Model model) {
        model.addAttribute("o", o);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("open", o.process().proposingOn(o.today()));
        model.addAttribute("residentSignedIn", CurrentCaller.resident().isPresent());
        model.addAttribute("signInLink", org.saola.web.shell.ResidentLinks.signIn(base(o.process().code()) + "/new"));
        model.addAttribute("categories", ProposalCategory.values());
        model.addAttribute("typed", typed);
        return "participation/proposal-new";
    }

    @PostMapping("/city/participation/{code}/proposals/new")
    @ResidentRoute
    String submit(@PathVariable String code, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body, @RequestParam(defaultValue = "") String category,
            @RequestParam(defaultValue = "") String ward, @RequestParam(defaultValue = "") String place,
            @RequestParam(defaultValue = "") String lat, @RequestParam(defaultValue = "") String lon,
            @RequestParam(name = "photo", required = false) List<MultipartFile> photos,
            @RequestParam(defaultValue = "false") boolean follow, HttpServletRequest request, Model model) throws IOException {
        TenantId tenant = tenants.of(request);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("title", title);
        typed.put("body", body);
        typed.put("category", category);
        typed.put("ward", ward);
        typed.put("place", place);
        typed.put("lat", lat);
        typed.put("lon", lon);
        typed.put("follow", Boolean.toString(follow));
        try {
            List<byte[]> pictures = new ArrayList<>();
            for (MultipartFile f : photos == null ? List.<MultipartFile>of() : photos) {
                if (!f.isEmpty()) {
                    pictures.add(f.getBytes());
                }
            }
            UUID me = CurrentCaller.resident().orElseThrow().residentId();
            slowDown(me);
            Proposal p = proposals.submit(tenant, code, me,
                    new NewProposal(title, body, category.isBlank() ? null : ProposalCategory.parse(category), ward, place,
                            coordinate("lat", lat), coordinate("lon", lon), pictures));
            if (follow) {
                followUp.follow(tenant, code, me, true);
            }
            return "redirect:" + base(code) + "/" + p.number() + "?submitted=true";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("problem", problem(e));
            model.addAttribute("problemField", e instanceof InvalidInputException i ? i.field() : "title");
            return form(participation.definition(tenant, code), typed, model);
        }
    }

    private static Double coordinate(String field, String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "the point on the map is not a number: '" + value + "'",
                    "participation.problem.mapPointNumber");
        }
    }

    // ---- one proposal and its debate

    @GetMapping("/city/participation/{code}/proposals/{number}")
    @PublicRoute("each proposal and its debate are public, without who wrote them")
    String proposal(@PathVariable String code, @PathVariable int number, @RequestParam(defaultValue = "false") boolean submitted,
            HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        ParticipationService.Overview o = participation.definition(tenant, code);
        Proposal proposal = proposals.proposal(tenant, code, number);
        Optional<ResidentPrincipal> me = CurrentCaller.resident();
        model.addAttribute("o", o);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("proposal", proposal);
        model.addAttribute("where", String.join(", ", java.util.stream.Stream.of(proposal.ward(), proposal.place())
                .filter(w -> !w.isEmpty()).toList()));
        model.addAttribute("created", time.formatter().format(proposal.createdAt()));
        model.addAttribute("answered", proposal.answeredAt().map(a -> time.formatter().format(a)).orElse(""));
        model.addAttribute("debating", o.process().debatingOn(o.today()));
        model.addAttribute("residentSignedIn", me.isPresent());
        model.addAttribute("mine", me.map(r -> proposals.mine(tenant, code, number, r.residentId()))
                .orElse(new ProposalService.Mine(false, false)));
        model.addAttribute("signInLink", org.saola.web.shell.ResidentLinks.signIn(base(code) + "/" + number));
        model.addAttribute("submitted", submitted);
        model.addAttribute("thread", thread(proposals.comments(tenant, code, number)));
        model.addAttribute("reasons", ProposalService.FlagReason.values());
        return "participation/proposal";
    }

    /** The comments as threads: top-level comments in order, each with its replies. */
    private List<Node> thread(List<Comment> comments) {
        Map<UUID, List<Comment>> children = new LinkedHashMap<>();
        List<Comment> top = new ArrayList<>();
        for (Comment c : comments) {
            if (c.parent().isPresent()) {
                children.computeIfAbsent(c.parent().get(), k -> new ArrayList<>()).add(c);
            } else {
                top.add(c);
            }
        }
        return top.stream().map(c -> node(c, 1, children)).toList();
    }

    private Node node(Comment c, int depth, Map<UUID, List<Comment>> children) {
        List<Node> replies = new ArrayList<>();
        collect(c, depth, children, replies);
        return leaf(c, depth, replies);
    }

    /** A comment as the thread shows it: its author as a label, never a name. */
    private Node leaf(Comment c, int depth, List<Node> replies) {
        String author = c.authorLabel() == 0 ? message("participation.comment.proposer")
                : message("participation.comment.resident", c.authorLabel());
        return new Node(c, author, time.formatter().format(c.createdAt()), depth, replies);
    }

    /** Replies one level down; below {@link #MAX_DEPTH} they are gathered at the deepest level, in order. */
    private void collect(Comment c, int depth, Map<UUID, List<Comment>> children, List<Node> into) {
        for (Comment reply : children.getOrDefault(c.id(), List.of())) {
            if (depth < MAX_DEPTH) {
                into.add(node(reply, depth + 1, children));
            } else {
                into.add(leaf(reply, depth, List.of()));
                collect(reply, depth, children, into);
            }
        }
    }

    @PostMapping("/city/participation/{code}/proposals/{number}/support")
    @ResidentRoute
    String support(@PathVariable String code, @PathVariable int number, @RequestParam(defaultValue = "support") String action,
            HttpServletRequest request, RedirectAttributes redirect) {
        TenantId tenant = tenants.of(request);
        UUID me = CurrentCaller.resident().orElseThrow().residentId();
        try {
            if ("withdraw".equals(action)) {
                proposals.unsupport(tenant, code, number, me);
                redirect.addFlashAttribute("done", message("participation.proposal.unsupported"));
            } else {
                proposals.support(tenant, code, number, me);
                redirect.addFlashAttribute("done", message("participation.proposal.supported"));
            }
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("problem", problem(e));
        }
        return "redirect:" + base(code) + "/" + number;
    }

    @PostMapping("/city/participation/{code}/proposals/{number}/withdraw")
    @ResidentRoute
    String withdraw(@PathVariable String code, @PathVariable int number, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            proposals.withdraw(tenants.of(request), code, number, CurrentCaller.resident().orElseThrow().residentId());
            redirect.addFlashAttribute("done", message("participation.proposal.withdrawn"));
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("problem", problem(e));
        }
        return "redirect:" + base(code) + "/" + number;
    }

    @PostMapping("/city/participation/{code}/proposals/{number}/comments")
    @ResidentRoute
    String comment(@PathVariable String code, @PathVariable int number, @RequestParam(defaultValue = "") String body,
            @RequestParam Optional<UUID> parent, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            slowDown(CurrentCaller.resident().orElseThrow().residentId());
            Comment c = proposals.comment(tenants.of(request), code, number, CurrentCaller.resident().orElseThrow().residentId(), parent, body);
            redirect.addFlashAttribute("done", message("participation.comment.added"));
            return "redirect:" + base(code) + "/" + number + "#comment-" + c.id();
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("problem", problem(e));
            redirect.addFlashAttribute("typedComment", body);
            return "redirect:" + base(code) + "/" + number + "#comments";
        }
    }

    @PostMapping("/city/participation/{code}/proposals/{number}/flag")
    @ResidentRoute
    String flag(@PathVariable String code, @PathVariable int number, @RequestParam(defaultValue = "") String kind,
            @RequestParam UUID target, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String details, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            ProposalService.FlagReason why;
            try {
                why = ProposalService.FlagReason.valueOf(reason);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("reason", "say why you report it", "participation.problem.flagReason");
            }
            proposals.flag(tenants.of(request), kind, target, CurrentCaller.resident().orElseThrow().residentId(), why, details);
            redirect.addFlashAttribute("done", message("participation.flag.thanks"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", problem(e));
        }
        return "redirect:" + base(code) + "/" + number;
    }

    // ---- photos

    @GetMapping("/city/participation/photos/{name}")
    @PublicRoute("the photos of proposals and of progress updates, re-encoded without metadata")
    ResponseEntity<byte[]> photo(@PathVariable String name, HttpServletRequest request) {
        boolean thumbnail = name.endsWith("-thumb.jpg");
        String id = name.replaceFirst("(-thumb)?\\.jpg$", "");
        UUID photo;
        try {
            photo = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such photo", "participation.notFound.photo");
        }
        TenantId tenant = tenants.of(request);
        byte[] bytes = proposals.photo(tenant, photo, thumbnail).or(() -> followUp.photo(tenant, photo, thumbnail))
                .orElseThrow(() -> new NotFoundException("no such photo", "participation.notFound.photo"));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                // minutes, not a day: a photo a moderator hides must leave caches soon
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(10)).cachePublic()).body(bytes);
    }
}
