package org.saola.simulator;

import java.time.InstantSource;
import org.saola.platform.residents.Contact;
import org.saola.platform.residents.OneTimeCodeSender;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.WebPage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demo city's residents: codes go to the demo outbox, which a public page shows. Only with
 * {@code saola.residents.demo-outbox=true}, which the demo profile sets and a real city never does.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "saola.residents.demo-outbox", havingValue = "true")
public class DemoResidents {

    @Bean
    DemoOutbox demoOutbox(InstantSource clock) {
        return new DemoOutbox(clock);
    }

    @Bean
    OneTimeCodeSender demoMailbox(DemoOutbox outbox) {
        return outbox.sender(Contact.Kind.EMAIL);
    }

    @Bean
    OneTimeCodeSender demoPhones(DemoOutbox outbox) {
        return outbox.sender(Contact.Kind.PHONE);
    }

    @Controller
    @WebPage
    @ConditionalOnProperty(name = "saola.residents.demo-outbox", havingValue = "true")    // scanned on its own
    static class OutboxPage {

        private final DemoOutbox outbox;

        OutboxPage(DemoOutbox outbox) {
            this.outbox = outbox;
        }

        @GetMapping("/demo/outbox")
        @PublicRoute("the demo city's simulated mailboxes and phones: a visitor reads the code sent to them")
        String outbox(Model model) {
            model.addAttribute("messages", outbox.newestFirst());
            return "simulator/outbox";
        }
    }
}
