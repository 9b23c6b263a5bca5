package org.saola.participation.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saola.participation.domain.Consultation;
import org.saola.participation.domain.ConsultationService;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consultations as data: the department defines one and, after it closes, responds; anyone reads it and,
 * once closed, its results (free-text answers are read by the department only). Residents answer on the pages.
 */
@RestController
class ConsultationsController {

    record OptionBody(String code, String textVi, String textEn) {
    }

    record QuestionBody(String code, String kind, String textVi, String textEn, Boolean required, List<OptionBody> options,
            Integer maxChoices, Integer scaleMin, Integer scaleMax) {
    }

    record ConsultationBody(String process, String titleVi, String titleEn, String introVi, String introEn, String opens,
            String closes, String audience, List<String> wards, List<QuestionBody> questions) {
    }

    record ResponseBody(String responseVi, String responseEn) {
    }

    record AssistedAnswerBody(String contact, String ward, Map<String, List<String>> answers) {
    }

    record AssistedAnswer(String consultation, String channel, boolean replaced) {
    }

    record ResultsView(String consultation, int answers, List<Consultation.QuestionResult> questions, String responseVi,
            String responseEn) {
    }

    private final ConsultationService consultations;
    private final PublicTenant tenants;

    ConsultationsController(ConsultationService consultations, PublicTenant tenants) {
        this.consultations = consultations;
        this.tenants = tenants;
    }

    @PutMapping("/api/v1/participation/consultations/{code}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<ConsultationService.View> put(@PathVariable String code, @RequestBody ConsultationBody b) {
        boolean created = consultations.define(CurrentCaller.principal(), consultation(code, b));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(consultations.consultation(CurrentCaller.tenant(), code));
    }

    @PostMapping("/api/v1/participation/consultations/{code}/response")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ConsultationService.View respond(@PathVariable String code, @RequestBody ResponseBody b) {
        return consultations.respond(CurrentCaller.principal(), code, b.responseVi(), b.responseEn());
    }

    /** A ward office enters the answers a resident gave in person (their phone or e-mail identifies them). */
    @PostMapping("/api/v1/participation/consultations/{code}/assisted-answers")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    ResponseEntity<AssistedAnswer> assisted(@PathVariable String code, @RequestBody AssistedAnswerBody b) {
        boolean replaced = consultations.answerAssisted(CurrentCaller.principal(), code, b.contact(), b.ward(),
                b.answers() == null ? Map.of() : b.answers());
        return ResponseEntity.status(replaced ? HttpStatus.OK : HttpStatus.CREATED).body(new AssistedAnswer(code, "ASSISTED", replaced));
    }

    @GetMapping("/api/v1/participation/consultations/{code}/texts/{question}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    List<String> texts(@PathVariable String code, @PathVariable String question) {
        return consultations.texts(CurrentCaller.principal(), code, question);
    }

    @GetMapping("/public/v1/participation/consultations/{code}")
    @PublicRoute("consultations are public")
    ConsultationService.View get(@PathVariable String code, HttpServletRequest request) {
        return consultations.consultation(tenants.of(request), code);
    }

    @GetMapping("/public/v1/participation/processes/{process}/consultations")
    @PublicRoute("consultations are public")
    List<ConsultationService.View> ofProcess(@PathVariable String process, HttpServletRequest request) {
        return consultations.ofProcess(tenants.of(request), process);
    }

    @GetMapping("/public/v1/participation/consultations/{code}/results")
    @PublicRoute("the results of a consultation are public once it closes")
    ResultsView results(@PathVariable String code, HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        List<Consultation.QuestionResult> results = consultations.results(tenant, code);
        ConsultationService.View v = consultations.consultation(tenant, code);
        return new ResultsView(code, v.answers(), results, v.responseVi(), v.responseEn());
    }

    static Consultation consultation(String code, ConsultationBody b) {
        Consultation.Audience audience = Consultation.Audience.of(b.audience());
        List<Consultation.Question> questions = new ArrayList<>();
        List<QuestionBody> given = b.questions() == null ? List.of() : b.questions();
        for (int i = 0; i < given.size(); i++) {
            QuestionBody q = given.get(i);
            if (q == null) {
                throw new InvalidInputException("questions[" + i + "]", "a question is an object with code, kind and texts");
            }
            Consultation.Kind kind = Consultation.Kind.of("questions[" + i + "].kind", q.kind());
            List<Consultation.Option> options = new ArrayList<>();
            for (OptionBody o : q.options() == null ? List.<OptionBody>of() : q.options()) {
                if (o == null) {
                    throw new InvalidInputException("questions[" + i + "].options", "an option is an object with code and texts");
                }
                options.add(new Consultation.Option(o.code(), o.textVi(), o.textEn()));
            }
            questions.add(new Consultation.Question(q.code(), kind, q.textVi(), q.textEn(), Boolean.TRUE.equals(q.required()), options,
                    q.maxChoices() == null ? 0 : q.maxChoices(), q.scaleMin() == null ? 1 : q.scaleMin(),
                    q.scaleMax() == null ? 5 : q.scaleMax()));
        }
        if (b.process() == null || b.process().isBlank()) {
            throw new InvalidInputException("process", "say which participatory process the consultation belongs to");
        }
        return new Consultation(code, b.process().strip(), b.titleVi(), b.titleEn(), b.introVi(), b.introEn(), Consultation.day("opens", b.opens()),
                Consultation.day("closes", b.closes()), audience, b.wards(), questions);
    }

}
