package org.saola.web.operations;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.saola.platform.operations.OperationsView;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operations centre ({@code /operations}): one page for operators with every module's figures, the live map
 * with each module's layers, and what needs attention now across the city, in the reader's language and the city's
 * time zone; it fetches its parts again when a module's stream says something changed (and every 30 s), never
 * while the reader's keyboard is in them. The modules provide their parts ({@link OperationsView}); this page knows
 * none of them.
 */
@Controller
@WebPage
@RequiresPermission(Permission.OPERATIONS_VIEW)
class OperationsCentrePage {

    /** An entry as the page shows it. */
    record Shown(String at, String severity, String text, String href) {
    }

    private final ObjectProvider<OperationsView> views;
    private final CityTime time;

    OperationsCentrePage(ObjectProvider<OperationsView> views, CityTime time) {
        this.views = views;
        this.time = time;
    }

    private List<OperationsView> ordered() {
        return views.orderedStream().sorted(Comparator.comparingInt(OperationsView::order)).toList();
    }

    @GetMapping("/operations")
    String page(Model model) {
        parts(model);
        List<OperationsView.Layer> layers = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        for (OperationsView v : ordered()) {
            layers.addAll(v.layers(CurrentCaller.principal()));
            v.stream().ifPresent(streams::add);
        }
        model.addAttribute("layers", layers);
        model.addAttribute("streams", String.join(" ", streams));
        return "web/operations";
    }

    /** The parts that change: figures and what needs attention (the page swaps them in). */
    @GetMapping("/operations/parts")
    String refreshed(Model model) {
        parts(model);
        return "web/operations :: parts";
    }

    private void parts(Model model) {
        SaolaPrincipal caller = CurrentCaller.principal();
        boolean vi = CityTime.vietnamese();
        DateTimeFormatter format = time.formatter();
        List<OperationsView.Tile> tiles = new ArrayList<>();
        List<OperationsView.Entry> attention = new ArrayList<>();
        for (OperationsView v : ordered()) {
            tiles.addAll(v.tiles(caller));
            attention.addAll(v.attention(caller, 20));
        }
        model.addAttribute("tiles", tiles);
        model.addAttribute("attention", attention.stream().sorted(Comparator.comparing(OperationsView.Entry::at).reversed())
                .limit(20).map(e -> new Shown(format.format(e.at()), e.severity(), vi ? e.textVi() : e.textEn(), e.href()))
                .toList());
        model.addAttribute("vi", vi);
    }
}
