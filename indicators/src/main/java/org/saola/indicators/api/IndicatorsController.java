package org.saola.indicators.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.saola.indicators.domain.CityFigures;
import org.saola.indicators.domain.Computation;
import org.saola.indicators.domain.DefinitionBody;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.store.IndicatorStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.measure.Measure;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city's indicators over HTTP (docs/indicators.md). Anyone reads them ({@code /public/v1/indicators[/{code}]}:
 * definitions, targets, every period's values, groups too small to publish left out); staff read them and the
 * measures formulas may use ({@code OPERATIONS_VIEW}) and, with {@code INDICATORS_MANAGE}, add the city's own
 * definitions, set targets and the official figures formulas divide by, enter values by hand with source and
 * evidence, and compute a period again.
 */
@RestController
class IndicatorsController {

    /** A target: the value the city means to reach by the end of {@code year}. */
    record TargetBody(Double value, Integer year, String note) {
    }

    record FiguresBody(List<CityFigures.Figure> figures) {
    }

    record ComputeBody(String period) {
    }

    private final Indicators indicators;
    private final CityFigures figures;
    private final PublicTenant tenants;
    private final JsonMapper json;

    IndicatorsController(Indicators indicators, CityFigures figures, PublicTenant tenants, JsonMapper json) {
        this.indicators = indicators;
        this.figures = figures;
        this.tenants = tenants;
        this.json = json;
    }

    @GetMapping("/public/v1/indicators")
    @PublicRoute("the city's indicators are published for everyone")
    List<IndicatorViews.Indicator> publicList(HttpServletRequest request) {
        return IndicatorViews.list(indicators, tenants.of(request));
    }

    @GetMapping("/public/v1/indicators/{code}")
    @PublicRoute("the city's indicators are published for everyone, groups too small to publish left out")
    IndicatorViews.Series publicSeries(HttpServletRequest request, @PathVariable String code) {
        return IndicatorViews.series(indicators, tenants.of(request), code, json);
    }

    @GetMapping("/api/v1/indicators")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    List<IndicatorViews.Indicator> list() {
        return IndicatorViews.list(indicators, CurrentCaller.tenant());
    }

    @GetMapping("/api/v1/indicators/measures")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    List<Measure> measures() {
        return List.copyOf(indicators.measures().values());
    }

    @GetMapping("/api/v1/indicators/city-figures")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    List<IndicatorStore.CityFigure> cityFigures() {
        return figures.list(CurrentCaller.tenant());
    }

    @PutMapping("/api/v1/indicators/city-figures")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    List<IndicatorStore.CityFigure> setCityFigures(@RequestBody(required = false) FiguresBody body) {
        if (body == null || body.figures() == null) {
            throw new InvalidInputException("figures", "the figures: [{\"figure\": \"population\", \"ward\": \"\", \"value\": 1245000, \"source\": \"…\"}]");
        }
        figures.set(CurrentCaller.tenant(), body.figures(), CurrentCaller.principal().name());
        return figures.list(CurrentCaller.tenant());
    }

    @GetMapping("/api/v1/indicators/{code}")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    IndicatorViews.Series series(@PathVariable String code) {
        return IndicatorViews.series(indicators, CurrentCaller.tenant(), code, json);
    }

    @PostMapping("/api/v1/indicators")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    IndicatorViews.Indicator define(@RequestBody(required = false) DefinitionBody body) {
        if (body == null) {
            throw new InvalidInputException("body", "an indicator's definition as JSON (docs/indicators.md)");
        }
        return IndicatorViews.one(indicators, CurrentCaller.tenant(), indicators.define(CurrentCaller.tenant(), body,
                CurrentCaller.principal().name()).code());
    }

    @DeleteMapping("/api/v1/indicators/{code}")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void undefine(@PathVariable String code) {
        indicators.undefine(CurrentCaller.tenant(), code, CurrentCaller.principal().name());
    }

    @PutMapping("/api/v1/indicators/{code}/target")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    IndicatorViews.Indicator setTarget(@PathVariable String code, @RequestBody(required = false) TargetBody body) {
        if (body == null || body.value() == null || body.year() == null) {
            throw new InvalidInputException("value", "a target is {\"value\": 95, \"year\": 2030, \"note\": \"…\"}");
        }
        indicators.setTarget(CurrentCaller.tenant(), code, body.value(), body.year(), body.note(), CurrentCaller.principal().name());
        return IndicatorViews.one(indicators, CurrentCaller.tenant(), code);
    }

    @DeleteMapping("/api/v1/indicators/{code}/target")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeTarget(@PathVariable String code) {
        indicators.removeTarget(CurrentCaller.tenant(), code, CurrentCaller.principal().name());
    }

    /** A value entered by hand for a period, with its source and evidence (and groups, each with its sample size). */
    @PostMapping("/api/v1/indicators/{code}/values")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    IndicatorViews.Series enter(@PathVariable String code, @RequestBody(required = false) Indicators.Entry entry) {
        if (entry == null) {
            throw new InvalidInputException("body", "a value: {\"period\": \"2026\", \"value\": 81.5, \"source\": \"…\", \"evidence\": \"https://…\"}");
        }
        indicators.enter(CurrentCaller.tenant(), code, entry, CurrentCaller.principal().name());
        return IndicatorViews.series(indicators, CurrentCaller.tenant(), code, json);
    }

    @DeleteMapping("/api/v1/indicators/{code}/values/{period}")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeValue(@PathVariable String code, @PathVariable String period) {
        indicators.removeEntry(CurrentCaller.tenant(), code, period, CurrentCaller.principal().name());
    }

    /** Computes a period now (the current one so far, or a past one of an indicator made of flows). */
    @PostMapping("/api/v1/indicators/{code}/compute")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    IndicatorViews.Series compute(@PathVariable String code, @RequestBody(required = false) ComputeBody body) {
        if (body == null || body.period() == null) {
            throw new InvalidInputException("period", "the period to compute: {\"period\": \"2026-11\"}");
        }
        Computation.Result ignored = indicators.computeOn(CurrentCaller.tenant(), code, body.period(), CurrentCaller.principal().name());
        return IndicatorViews.series(indicators, CurrentCaller.tenant(), code, json);
    }
}
