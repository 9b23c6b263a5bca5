package org.saola.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import org.saola.opendata.domain.DataSharing;
import org.saola.platform.TenantId;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public list of data-sharing agreements ({@code /city/data/agreements}), in Vietnamese and English: who gets
 * which data that is not open, for what, on which legal basis and terms, until when, and how often it was used;
 * never a key or a contact.
 */
@Controller
@WebPage
class AgreementsPage {

    private final DataSharing sharing;
    private final AgreementsShown shown;
    private final PublicTenant tenants;

    AgreementsPage(DataSharing sharing, AgreementsShown shown, PublicTenant tenants) {
        this.sharing = sharing;
        this.shown = shown;
        this.tenants = tenants;
    }

    @GetMapping("/city/data/agreements")
    @PublicRoute("the list of data-sharing agreements is public: who gets which data that is not open, why and on what terms")
    String page(HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        boolean vi = CityTime.vietnamese();
        model.addAttribute("agreements", shown.shown(tenant, sharing.list(tenant), vi));
        model.addAttribute("vi", vi);
        return "opendata/agreements";
    }
}
