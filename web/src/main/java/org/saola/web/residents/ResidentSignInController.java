package org.saola.web.residents;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.residents.CodeNotSentException;
import org.saola.platform.residents.Contact;
import org.saola.platform.residents.ResidentAccounts;
import org.saola.platform.residents.ResidentPrincipal;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.ResidentRoute;
import org.saola.web.shell.PublicTenant;
import org.saola.web.security.SessionConfiguration;
import org.saola.web.shell.WebPage;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.saola.web.shell.ProblemText;

/**
 * Residents sign in without a password: they give an e-mail address or a phone number, receive a six-digit
 * code, and type it back. The session then lasts {@link #RESIDENT_SESSION} (a cookie that outlives the
 * browser), so a resident on a shared or cheap phone does not sign in again at every visit. Plain forms,
 * usable without JavaScript.
 */
@Controller
@WebPage
class ResidentSignInController {

    static final Duration RESIDENT_SESSION = SessionConfiguration.LASTING_FOR;

    private final ResidentAccounts residents;
    private final PublicTenant tenants;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    private final org.saola.platform.security.RateLimits limits;

    ResidentSignInController(ResidentAccounts residents, PublicTenant tenants, org.saola.platform.security.RateLimits limits) {
        this.limits = limits;
        this.residents = residents;
        this.tenants = tenants;
    }

    @GetMapping("/residents/sign-in")
    @PublicRoute("residents ask for a sign-in code here")
    String form(@RequestParam java.util.Optional<String> next, Model model) {
        model.addAttribute("next", next.filter(ResidentSignInController::safe).orElse(""));
        model.addAttribute("byEmail", residents.canSend(Contact.Kind.EMAIL));
        model.addAttribute("bySms", residents.canSend(Contact.Kind.PHONE));
        return "web/residents/sign-in";
    }

    @PostMapping("/residents/sign-in")
    @PublicRoute("residents ask for a sign-in code here")
    String requestCode(@RequestParam String contact, @RequestParam java.util.Optional<String> next,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        TenantId tenant = tenants.of(request);
        ResidentAccounts.CodeRequest sent;
        try {
            // Codes cost the city money (SMS) and reach people: one address asks for a few only.
            if (!limits.codeRequestFromAddress(request.getRemoteAddr()).allowed()) {
                throw new InvalidInputException("contact", "too many codes were asked for from this connection; try again later",
                        "problem.contact.tooManyFromHere");
            }
            sent = residents.requestCode(tenant, contact);
        } catch (InvalidInputException | CodeNotSentException e) {
            model.addAttribute("problem", ProblemText.of(e));
            model.addAttribute("contact", contact);
            return form(next, model);
        }
        redirect.addFlashAttribute("sentTo", sent.maskedContact());
        return "redirect:/residents/sign-in/code?request=" + sent.id() + next.filter(ResidentSignInController::safe)
                .map(n -> "&next=" + java.net.URLEncoder.encode(n, java.nio.charset.StandardCharsets.UTF_8)).orElse("");
    }

    @GetMapping("/residents/sign-in/code")
    @PublicRoute("residents type the code they received")
    String codeForm(@RequestParam UUID request, @RequestParam java.util.Optional<String> next, Model model) {
        model.addAttribute("request", request);
        model.addAttribute("next", next.filter(ResidentSignInController::safe).orElse(""));
        return "web/residents/code";
    }

    @PostMapping("/residents/sign-in/code")
    @PublicRoute("residents type the code they received")
    String signIn(@RequestParam UUID request, @RequestParam String code, @RequestParam java.util.Optional<String> next,
            HttpServletRequest http, HttpServletResponse response, Model model) {
        ResidentPrincipal resident;
        try {
            resident = residents.signIn(tenants.of(http), request, code);
        } catch (InvalidInputException e) {
            model.addAttribute("problem", ProblemText.of(e));
            return codeForm(request, next, model);
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(resident, null,
                List.of(new SimpleGrantedAuthority("ROLE_RESIDENT"))));
        SecurityContextHolder.setContext(context);
        HttpSession old = http.getSession(false);
        if (old != null) {
            old.invalidate();                       // no session fixation, and nothing of another sign-in kept
        }
        HttpSession session = http.getSession(true);
        session.setMaxInactiveInterval((int) RESIDENT_SESSION.toSeconds());
        sessions.saveContext(context, http, response);
        http.setAttribute(SessionConfiguration.LASTING, true);      // the cookie outlives the browser
        return "redirect:" + next.filter(ResidentSignInController::safe).orElse("/residents/me");
    }

    /**
     * Where a resident may be sent back to after signing in: a page of this site's residents' portal, never
     * another site (no open redirect).
     */
    static boolean safe(String next) {
        return next.matches("/(city|residents)/[A-Za-z0-9/_\\-.%]*(\\?[A-Za-z0-9=&_\\-.%]*)?") && !next.contains("//")
                && !next.contains("..");
    }

    @GetMapping("/residents/me")
    @ResidentRoute
    String me(Model model) {
        ResidentPrincipal resident = (ResidentPrincipal) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        model.addAttribute("contact", residents.maskedContact(resident).orElse(""));
        return "web/residents/me";
    }
}
