package org.saola.web.shell;

import java.util.Optional;
import org.saola.platform.security.PublicRoute;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.GetMapping;

/** The public home page and the login page of the web shell. */
@Controller
@WebPage
class ShellController {

    @GetMapping("/")
    @PublicRoute("the city's front page: what Saola is, and the way to sign in")
    String home(@RequestParam Optional<String> signedOut, Model model) {
        model.addAttribute("signedOut", signedOut.isPresent());
        return "web/home";
    }

    @GetMapping("/login")
    @PublicRoute("the sign-in form itself")
    String login(@RequestParam Optional<String> error, Model model) {
        model.addAttribute("loginError", error.isPresent());
        return "web/login";
    }
}
