package org.saola.opendata.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.DataSharing;
import org.saola.opendata.domain.Dataset;
import org.saola.opendata.domain.Licence;
import org.saola.opendata.domain.TableQuery;
import org.saola.opendata.domain.Theme;
import org.saola.opendata.domain.UploadFormat;
import org.saola.platform.InvalidInputException;
import org.saola.platform.SaolaException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.saola.web.shell.ProblemText;

/**
 * The catalogue for the staff who manage it ({@code /admin/opendata}), without JavaScript: the datasets published
 * (open or shared) and what the modules offer besides; an offer switched on with its description, publisher,
 * licence and access; a dataset described again, read again from its module, or taken out, with a preview of its
 * first rows; a file (CSV, Excel, GeoJSON) uploaded as a dataset or as a new version of one.
 */
@Controller
@WebPage
@RequiresPermission(Permission.OPENDATA_MANAGE)
class CataloguePages {

    /** A row of the datasets' table. */
    record Listed(String name, String title, String access, String publisher, long rows, String modified, boolean open) {
    }

    /** An offer not yet switched on. */
    record Offered(String source, String title, String theme) {
    }

    /** What the dataset form shows: the offer's or the dataset's description. */
    record Form(String source, String name, String titleVi, String titleEn, String notesVi, String notesEn, String department,
            String keywords, String licenseId, String access) {
    }

    private static final List<String> FREQUENCIES = List.of("IRREG", "CONT", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "ANNUAL");

    private final Catalogue catalogue;
    private final DataSharing sharing;
    private final Departments departments;
    private final CityTime time;

    CataloguePages(Catalogue catalogue, DataSharing sharing, Departments departments, CityTime time) {
        this.catalogue = catalogue;
        this.sharing = sharing;
        this.departments = departments;
        this.time = time;
    }

    @GetMapping("/admin/opendata")
    String list(Model model) {
        TenantId tenant = CurrentCaller.tenant();
        boolean vi = CityTime.vietnamese();
        var format = time.formatter();
        model.addAttribute("datasets", catalogue.everything(tenant).stream().map(d -> new Listed(d.name(), d.title(vi),
                d.access().name(), d.department().flatMap(c -> departments.find(tenant, c)).map(x -> vi ? x.nameVi() : x.nameEn()).orElse(""),
                d.rows(), format.format(d.modified()), d.open())).toList());
        model.addAttribute("offers", catalogue.offers(tenant).stream().filter(o -> o.dataset().isEmpty())
                .map(o -> new Offered(o.offer().key(), vi ? o.offer().titleVi() : o.offer().titleEn(),
                        Theme.of(o.offer().theme()).map(t -> vi ? t.nameVi() : t.nameEn()).orElse(o.offer().theme()))).toList());
        choices(model, tenant);
        return "opendata/admin-catalogue";
    }

    @GetMapping("/admin/opendata/publish")
    String publishForm(@RequestParam String source, Model model) {
        TenantId tenant = CurrentCaller.tenant();
        var offer = catalogue.offers(tenant).stream().filter(o -> o.offer().key().equals(source)).findFirst()
                .orElseThrow(() -> new org.saola.platform.NotFoundException("nothing is offered under '" + source + "'"));
        var o = offer.offer();
        model.addAttribute("form", new Form(o.key(), Dataset.nameOf(o.key()), o.titleVi(), o.titleEn(), o.descriptionVi(), o.descriptionEn(),
                o.department().orElse(""), String.join(", ", o.keywords()), Licence.CC_BY_4_0.id(), "OPEN"));
        model.addAttribute("creating", true);
        model.addAttribute("people", o.peopleCounts().isPresent());
        choices(model, tenant);
        return "opendata/admin-dataset";
    }

    @PostMapping("/admin/opendata/publish")
    String publish(@RequestParam(defaultValue = "") String source, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String titleVi, @RequestParam(defaultValue = "") String titleEn,
            @RequestParam(defaultValue = "") String notesVi, @RequestParam(defaultValue = "") String notesEn,
            @RequestParam(defaultValue = "") String department, @RequestParam(defaultValue = "") String keywords,
            @RequestParam(defaultValue = "") String licenseId, @RequestParam(defaultValue = "OPEN") String access,
            RedirectAttributes redirect) {
        try {
            Dataset d = catalogue.publish(CurrentCaller.tenant(), source, settings(Optional.of(name), titleVi, titleEn, notesVi, notesEn,
                    department, keywords, licenseId, access));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/opendata/datasets/" + d.name();
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
            redirect.addAttribute("source", source);
            return "redirect:/admin/opendata/publish";
        }
    }

    @GetMapping("/admin/opendata/datasets/{name}")
    String dataset(@PathVariable String name, Model model) {
        TenantId tenant = CurrentCaller.tenant();
        Dataset d = catalogue.anyDataset(tenant, name);
        model.addAttribute("form", new Form(d.sourceKey(), d.name(), d.titleVi(), d.titleEn(), d.notesVi(), d.notesEn(),
                d.department().orElse(""), String.join(", ", d.keywords()), d.licence().id(), d.access().name()));
        model.addAttribute("creating", false);
        model.addAttribute("people", d.peopleCounts());
        model.addAttribute("d", d);
        model.addAttribute("uploaded", d.sourceKey().startsWith("upload:") || d.document());
        model.addAttribute("modified", time.formatter().format(d.modified()));
        model.addAttribute("refreshed", d.refreshed().map(time.formatter()::format).orElse(null));
        if (!d.document()) {
            TableQuery preview = TableQuery.of(d.columns(), d.columns().stream().map(c -> c.id()).toList(), null, null, null, 20, 0L, false);
            model.addAttribute("rows", catalogue.search(d, preview).records().stream().map(r -> new ArrayList<>(r.values())).toList());
        }
        choices(model, tenant);
        return "opendata/admin-dataset";
    }

    @PostMapping("/admin/opendata/datasets/{name}")
    String describe(@PathVariable String name, @RequestParam(defaultValue = "") String titleVi, @RequestParam(defaultValue = "") String titleEn,
            @RequestParam(defaultValue = "") String notesVi, @RequestParam(defaultValue = "") String notesEn,
            @RequestParam(defaultValue = "") String department, @RequestParam(defaultValue = "") String keywords,
            @RequestParam(defaultValue = "") String licenseId, @RequestParam(defaultValue = "OPEN") String access,
            RedirectAttributes redirect) {
        try {
            TenantId tenant = CurrentCaller.tenant();
            Catalogue.Settings s = settings(Optional.empty(), titleVi, titleEn, notesVi, notesEn, department, keywords, licenseId, access);
            sharing.checkPublisherChange(tenant, catalogue.anyDataset(tenant, name), s.department());
            catalogue.describe(tenant, name, s);
            redirect.addFlashAttribute("saved", true);
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/admin/opendata/datasets/" + name;
    }

    @PostMapping("/admin/opendata/datasets/{name}/refresh")
    String refresh(@PathVariable String name, RedirectAttributes redirect) {
        try {
            catalogue.anyDataset(CurrentCaller.tenant(), name);
            catalogue.refresh(CurrentCaller.tenant(), name);
            redirect.addFlashAttribute("saved", true);
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/admin/opendata/datasets/" + name;
    }

    @PostMapping("/admin/opendata/datasets/{name}/unpublish")
    String unpublish(@PathVariable String name, @RequestParam(defaultValue = "false") boolean confirm, RedirectAttributes redirect) {
        if (!confirm) {
            redirect.addFlashAttribute("problem", "tick the box to confirm that the dataset leaves the catalogue");
            return "redirect:/admin/opendata/datasets/" + name;
        }
        try {
            catalogue.unpublish(CurrentCaller.tenant(), name);
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/opendata";
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
            return "redirect:/admin/opendata/datasets/" + name;
        }
    }

    /** A file from the form (up to the multipart limit; larger ones through the API) published, its preview shown next. */
    @PostMapping("/admin/opendata/uploads")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String titleVi, @RequestParam(defaultValue = "") String titleEn,
            @RequestParam(defaultValue = "") String notesVi, @RequestParam(defaultValue = "") String notesEn,
            @RequestParam(defaultValue = "") String department, @RequestParam(defaultValue = "") String keywords,
            @RequestParam(defaultValue = "") String licenseId, @RequestParam(defaultValue = "OPEN") String access,
            @RequestParam(defaultValue = "GOVE") String theme, @RequestParam(defaultValue = "IRREG") String frequency,
            RedirectAttributes redirect) {
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException("file", "choose a file to publish");
            }
            boolean pdf = "application/pdf".equalsIgnoreCase(file.getContentType())
                    || (file.getOriginalFilename() != null && file.getOriginalFilename().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf"));
            UploadFormat format = pdf ? null : UploadFormat.of(file.getContentType(), file.getOriginalFilename())
                    .orElseThrow(() -> new InvalidInputException("file", "publish " + UploadFormat.accepted() + " or a PDF document; got '"
                            + file.getOriginalFilename() + "'"));
            TenantId tenant = CurrentCaller.tenant();
            Optional<Dataset> before = catalogue.findAny(tenant, name);
            Catalogue.Settings s = settings(Optional.empty(), titleVi, titleEn, notesVi, notesEn, department, keywords, licenseId, access);
            if (before.isPresent()) {
                sharing.checkPublisherChange(tenant, before.get(), s.department());
            }
            if (pdf) {
                catalogue.document(tenant, name, s, theme, frequency, file.getOriginalFilename(), file.getInputStream());
            } else {
                try (Reader csv = format.asCsv(file.getInputStream())) {
                    catalogue.upload(tenant, name, s, theme, frequency, csv);
                }
            }
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/opendata/datasets/" + name;
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
            return "redirect:/admin/opendata#upload";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void choices(Model model, TenantId tenant) {
        model.addAttribute("departments", departments.list(tenant));
        model.addAttribute("licences", Licence.values());
        model.addAttribute("themes", Theme.values());
        model.addAttribute("frequencies", FREQUENCIES);
    }

    /** The form's fields as the catalogue takes them: an empty field keeps what there was (or the offer's). */
    private static Catalogue.Settings settings(Optional<String> name, String titleVi, String titleEn, String notesVi, String notesEn,
            String department, String keywords, String licenseId, String access) {
        return new Catalogue.Settings(name.filter(s -> !s.isBlank()).map(String::strip), present(titleVi), present(titleEn),
                present(notesVi), present(notesEn), present(department),
                Optional.of(Arrays.stream(keywords.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList()), present(licenseId),
                Optional.of(Dataset.Access.of(access)));
    }

    private static Optional<String> present(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
