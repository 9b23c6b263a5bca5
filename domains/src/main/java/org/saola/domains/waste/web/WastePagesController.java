package org.saola.domains.waste.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.saola.domains.waste.Fleet;
import org.saola.domains.waste.RoundPlan;
import org.saola.domains.waste.WastePlanner;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import org.saola.web.shell.ProblemText;

/**
 * The waste collection pages of the staff console: {@code /operations/waste} (the fleet, the containers'
 * forecast, planning a round, the recent plans), a plan with its routes on a map and per truck
 * ({@code /operations/waste/plans/{id}}), and one truck's route to print ({@code …/trucks/{truck}}). Reading:
 * {@code OPERATIONS_VIEW}; setting the fleet and planning: {@code SERVICES_MANAGE}.
 */
@Controller
@WebPage
class WastePagesController {

    /** Route colours on the map, each at least 3:1 against the white map and told apart by the table's swatches. */
    static final List<String> COLOURS = List.of("#1f5fa8", "#b3261e", "#2e7d32", "#6a1b9a", "#8a4b00", "#00695c",
            "#ad1457", "#37474f");
    private static final int FORECAST_ROWS = 200;

    /** A container as the forecast table shows it. */
    record ForecastRow(String name, String id, String level, String rate, String atNext, String reason, boolean due) {
    }

    /** A plan as the list shows it. */
    record PlanRow(String id, String created, String roundAt, String status, String visits, String km, String saved) {
    }

    /** A truck's route as the plan page shows it. */
    record RouteRow(String truck, String name, String colour, String depot, int stops, String km, String time, int loadPercent,
            long emptied) {
    }

    /** A stop as the print page shows it. */
    record StopRow(int n, String name, String id, double latitude, double longitude, int levelPercent, long litres,
            String emptied) {
    }

    private final WastePlanner planner;
    private final CityTime time;
    private final JsonMapper json;

    WastePagesController(WastePlanner planner, CityTime time, JsonMapper json) {
        this.planner = planner;
        this.time = time;
        this.json = json;
    }

    private static boolean canPlan() {
        return CurrentCaller.principal().roles().stream().anyMatch(r -> r.grants(Permission.SERVICES_MANAGE));
    }

    @GetMapping("/operations/waste")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String overview(Model model) {
        return overview(model, null, null, null);
    }

    private String overview(Model model, String fleetText, InvalidInputException problem, String conflict) {
        TenantId tenant = CurrentCaller.tenant();
        Fleet fleet = planner.fleet(tenant);
        Instant now = planner.now();
        DateTimeFormatter f = time.formatter();
        List<WastePlanner.ContainerForecast> forecast = planner.forecast(tenant, fleet, now);
        model.addAttribute("fleet", fleet);
        model.addAttribute("fleetJson", fleetText != null ? fleetText : json.writerWithDefaultPrettyPrinter().writeValueAsString(fleet));
        model.addAttribute("canPlan", canPlan());
        model.addAttribute("round", roundText(fleet.round()));
        model.addAttribute("roundAt", LocalDateTime.ofInstant(now, time.zone()).truncatedTo(ChronoUnit.MINUTES).toString());
        model.addAttribute("containers", forecast.size());
        model.addAttribute("due", forecast.stream().filter(WastePlanner.ContainerForecast::due).count());
        model.addAttribute("forecast", forecast.stream().limit(FORECAST_ROWS).map(c -> new ForecastRow(c.name(), c.id(),
                percent(c.level()), c.ratePerHour() == null ? "–" : String.format(Locale.ROOT, "%.1f", c.ratePerHour() * 100),
                percent(c.levelAtNextRound()), c.reason().name(), c.due())).toList());
        model.addAttribute("plans", planner.recent(tenant, 10).stream().map(p -> new PlanRow(p.id().toString(),
                f.format(p.createdAt()), f.format(p.roundAt()), p.status().name(),
                p.body().map(b -> b.visits() + " / " + b.containers()).orElse("–"),
                p.body().map(b -> km(b.metres())).orElse("–"),
                p.body().map(b -> km(b.metresSaved())).orElse("–"))).toList());
        if (problem != null) {
            model.addAttribute("problem", org.saola.web.shell.JsonField.text(problem, java.util.Set.of("roundAt", "fleet")));
            model.addAttribute("problemField", problem.field());
        }
        if (conflict != null) {
            model.addAttribute("problem", conflict);
        }
        return "domains/waste";
    }

    @PostMapping("/operations/waste/fleet")
    @RequiresPermission(Permission.SERVICES_MANAGE)
    String setFleet(@RequestParam(defaultValue = "") String fleet, Model model, RedirectAttributes redirect) {
        try {
            Fleet parsed = org.saola.web.shell.JsonField.read(json, fleet, Fleet.class, "fleet", "the fleet");
            planner.setFleet(CurrentCaller.tenant(), parsed, CurrentCaller.principal().name());
            redirect.addFlashAttribute("done", "fleet");
            return "redirect:/operations/waste";
        } catch (InvalidInputException e) {
            return overview(model, fleet, e, null);
        }
    }

    @PostMapping("/operations/waste/plans")
    @RequiresPermission(Permission.SERVICES_MANAGE)
    String plan(@RequestParam(defaultValue = "") String roundAt, Model model) {
        try {
            Instant at;
            try {
                at = roundAt.isBlank() ? planner.now() : LocalDateTime.parse(roundAt).atZone(time.zone()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("roundAt", "a date and time, such as 2026-12-01T05:00");
            }
            if (at.isBefore(planner.now().minus(Duration.ofDays(7))) || at.isAfter(planner.now().plus(Duration.ofDays(365)))) {
                throw new InvalidInputException("roundAt", "a round from a week ago to a year ahead");
            }
            RoundPlan plan = planner.plan(CurrentCaller.tenant(), at, CurrentCaller.principal().name());
            return "redirect:/operations/waste/plans/" + plan.id();
        } catch (InvalidInputException e) {
            return overview(model, null, e, null);
        } catch (ConflictException e) {
            return overview(model, null, null, ProblemText.of(e));
        }
    }

    @GetMapping("/operations/waste/plans/{id}")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String planPage(@PathVariable String id, Model model) {
        RoundPlan plan = planner.get(CurrentCaller.tenant(), uuid(id));
        DateTimeFormatter f = time.formatter();
        model.addAttribute("plan", plan);
        model.addAttribute("created", f.format(plan.createdAt()));
        model.addAttribute("roundAt", f.format(plan.roundAt()));
        model.addAttribute("nextRoundAt", f.format(plan.nextRoundAt()));
        if (plan.body().isPresent()) {
            RoundPlan.Body b = plan.body().get();
            List<RouteRow> rows = new ArrayList<>();
            List<Map<String, Object>> map = new ArrayList<>();
            for (int i = 0; i < b.routes().size(); i++) {
                RoundPlan.RouteView r = b.routes().get(i);
                String colour = COLOURS.get(i % COLOURS.size());
                rows.add(new RouteRow(r.truck(), r.truckName(), colour, r.depot().name(), r.stops().size(), km(r.metres()),
                        duration(r.seconds()), (int) Math.round(100.0 * r.litres() / Math.max(1, r.capacityLitres())),
                        r.stops().stream().filter(s -> plan.emptied().containsKey(s.container())).count()));
                List<Map<String, Object>> stops = new ArrayList<>();
                for (int n = 0; n < r.stops().size(); n++) {
                    RoundPlan.StopView s = r.stops().get(n);
                    stops.add(Map.of("n", n + 1, "name", s.name(), "lat", s.latitude(), "lon", s.longitude(),
                            "emptied", plan.emptied().containsKey(s.container())));
                }
                map.add(Map.of("name", r.truckName(), "colour", colour, "depot", List.of(r.depot().latitude(), r.depot().longitude()),
                        "depotName", r.depot().name(), "stops", stops, "line", r.line() == null ? List.of() : r.line()));
            }
            model.addAttribute("body", b);
            model.addAttribute("routes", rows);
            model.addAttribute("routesJson", json.writeValueAsString(map));
            model.addAttribute("km", km(b.metres()));
            model.addAttribute("fixedKm", km(b.fixedMetres()));
            model.addAttribute("savedKm", km(b.metresSaved()));
            model.addAttribute("savedPercent", b.fixedMetres() == 0 ? 0 : Math.round(100.0 * b.metresSaved() / b.fixedMetres()));
            model.addAttribute("emptied", plan.emptied().size());
        }
        return "domains/waste-plan";
    }

    /** The plan's state, which its page asks for while the solver works (the page's session, not an API key). */
    @GetMapping(value = "/operations/waste/plans/{id}/status", produces = "application/json")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    @org.springframework.web.bind.annotation.ResponseBody
    Map<String, String> status(@PathVariable String id) {
        return Map.of("status", planner.get(CurrentCaller.tenant(), uuid(id)).status().name());
    }

    @GetMapping("/operations/waste/plans/{id}/trucks/{truck}")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String truck(@PathVariable String id, @PathVariable String truck, Model model) {
        RoundPlan plan = planner.get(CurrentCaller.tenant(), uuid(id));
        RoundPlan.RouteView route = plan.body().flatMap(b -> b.routes().stream().filter(r -> r.truck().equals(truck)).findFirst())
                .orElseThrow(() -> new NotFoundException("no truck " + truck + " in the plan " + id));
        DateTimeFormatter f = time.formatter();
        List<StopRow> stops = new ArrayList<>();
        for (int n = 0; n < route.stops().size(); n++) {
            RoundPlan.StopView s = route.stops().get(n);
            Instant emptied = plan.emptied().get(s.container());
            stops.add(new StopRow(n + 1, s.name(), s.container(), s.latitude(), s.longitude(),
                    (int) Math.round(Math.min(1, s.levelAtRound()) * 100), s.litres(), emptied == null ? "" : f.format(emptied)));
        }
        model.addAttribute("plan", plan);
        model.addAttribute("route", route);
        model.addAttribute("stops", stops);
        model.addAttribute("roundAt", f.format(plan.roundAt()));
        model.addAttribute("km", km(route.metres()));
        model.addAttribute("time", duration(route.seconds()));
        return "domains/waste-truck";
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("id", "a plan's id is a UUID");
        }
    }

    static String km(long metres) {
        return String.format(Locale.ROOT, "%.1f", metres / 1000.0);
    }

    static String duration(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 3600, (seconds % 3600) / 60);
    }

    static String percent(Double level) {
        return level == null ? "–" : Math.round(level * 100) + "%";
    }

    /** P1D as "1 d", PT2H as "2 h", PT90M as "90 min". */
    static String roundText(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) {
            return d.toDays() + " d";
        }
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
