package org.saola.alerts.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.saola.alerts.cap.CapXml;
import org.saola.alerts.warnings.Warning;
import org.saola.alerts.warnings.WarningService;
import org.saola.alerts.warnings.WarningSettings;
import org.saola.alerts.warnings.WarningView;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city's public warnings, for residents' apps and alert aggregators: {@code GET /public/v1/warnings} (those in
 * effect, JSON), {@code GET /public/v1/warnings.atom} (an Atom feed of the messages of the last week and of every
 * warning still in effect, each entry linking its CAP message as {@code application/cap+xml}) and
 * {@code GET /public/v1/cap/{message}.xml} (a CAP 1.2 message exactly as published).
 */
@RestController
class PublicWarningsController {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final CacheControl SHORT = CacheControl.maxAge(java.time.Duration.ofSeconds(30)).cachePublic();

    private final WarningService warnings;
    private final PublicTenant tenants;
    private final JsonMapper json;

    PublicWarningsController(WarningService warnings, PublicTenant tenants, JsonMapper json) {
        this.warnings = warnings;
        this.tenants = tenants;
        this.json = json;
    }

    @GetMapping("/public/v1/warnings")
    @PublicRoute("public early warnings are published for everyone")
    ResponseEntity<List<WarningView>> current(HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        Instant now = warnings.now();
        return ResponseEntity.ok().cacheControl(SHORT).body(warnings.current(tenant).stream()
                .map(w -> WarningView.of(w, warnings.settings(), json, now).forPublic()).toList());
    }

    @GetMapping(value = "/public/v1/cap/{file}")
    @PublicRoute("public early warnings are published for everyone, in CAP 1.2")
    ResponseEntity<String> cap(@PathVariable String file, HttpServletRequest request) {
        if (!file.endsWith(".xml")) {
            throw new NotFoundException("no CAP message " + file + "; messages are served as <id>.xml");
        }
        UUID id;
        try {
            id = UUID.fromString(file.substring(0, file.length() - 4));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no CAP message " + file);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePublic())
                .contentType(MediaType.parseMediaType(CapXml.MEDIA_TYPE + ";charset=UTF-8"))
                .body(warnings.xml(tenants.of(request), id));
    }

    @GetMapping("/public/v1/warnings.atom")
    @PublicRoute("public early warnings are published for everyone, as an Atom feed")
    ResponseEntity<String> atom(HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        List<Warning> messages = warnings.feed(tenant);
        return ResponseEntity.ok().cacheControl(SHORT)
                .contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
                .body(atom(messages, warnings.settings(), warnings.now()));
    }

    /** The Atom feed (RFC 4287) of these messages, newest first. */
    static String atom(List<Warning> messages, WarningSettings s, Instant now) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = OUTPUT.createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(ATOM);
            x.writeStartElement(ATOM, "feed");
            x.writeDefaultNamespace(ATOM);
            String self = s.publicUrl() + "/public/v1/warnings.atom";
            text(x, "id", self);
            text(x, "title", "Cảnh báo sớm / Early warnings: " + s.senderNameVi() + " / " + s.senderNameEn());
            text(x, "updated", (messages.isEmpty() ? now : messages.get(0).sent()).toString());
            x.writeStartElement(ATOM, "author");
            text(x, "name", s.senderNameVi() + " / " + s.senderNameEn());
            x.writeEndElement();
            link(x, "self", self, "application/atom+xml");
            link(x, "alternate", s.publicUrl() + "/city/warnings", "text/html");
            for (Warning w : messages) {
                x.writeStartElement(ATOM, "entry");
                text(x, "id", "urn:uuid:" + w.id());
                String prefix = switch (w.msgType()) {
                    case "Cancel" -> "Đã hủy / Cancelled: ";
                    case "Update" -> "Cập nhật / Update: ";
                    default -> "";
                };
                text(x, "title", prefix + w.headline().vi() + " / " + w.headline().en());
                text(x, "published", w.sent().toString());
                text(x, "updated", w.sent().toString());
                text(x, "summary", w.event().vi() + " / " + w.event().en() + " (" + w.severity() + ", " + w.urgency()
                        + "); hết hiệu lực / expires " + w.expires());
                x.writeStartElement(ATOM, "category");
                x.writeAttribute("term", w.severity());
                x.writeEndElement();
                link(x, "alternate", WarningView.capUrl(s, w), CapXml.MEDIA_TYPE);
                link(x, "related", s.page(w.warningId()), "text/html");
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the warnings feed", e);
        }
        return out.toString();
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
        x.writeStartElement(ATOM, "link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
        x.writeAttribute("type", type);
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(ATOM, name);
        x.writeCharacters(value);
        x.writeEndElement();
    }
}
