package org.saola.alerts.cap;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link CapMessage} as CAP 1.2 XML: elements in the standard's order, times with the city's offset
 * and no fractions ({@code 2026-11-30T21:05:00+07:00}; UTC as {@code -00:00}, as the standard asks), coordinates
 * with at most six decimals.
 */
public final class CapXml {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    public static final String MEDIA_TYPE = "application/cap+xml";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CapXml() {
    }

    /** A time as CAP writes it, in this zone. */
    public static String time(Instant t, ZoneId zone) {
        String s = TIME.format(t.atZone(zone));
        return s.endsWith("+00:00") ? s.substring(0, s.length() - 6) + "-00:00" : s;
    }

    /** A coordinate with at most six decimals, never in exponent form. */
    public static String coordinate(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** A ring of points as a CAP polygon: {@code lat,lon} pairs separated by spaces. */
    public static String polygon(List<CapMessage.Point> ring) {
        StringBuilder b = new StringBuilder();
        for (CapMessage.Point p : ring) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(coordinate(p.latitude())).append(',').append(coordinate(p.longitude()));
        }
        return b.toString();
    }

    public static String circle(CapMessage.Circle c) {
        return coordinate(c.centre().latitude()) + "," + coordinate(c.centre().longitude()) + " " + coordinate(c.radiusKm());
    }

    public static String write(CapMessage m, ZoneId zone) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = OUTPUT.createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.setDefaultNamespace(NAMESPACE);
            x.writeStartElement(NAMESPACE, "alert");
            x.writeDefaultNamespace(NAMESPACE);
            text(x, "identifier", m.identifier());
            text(x, "sender", m.sender());
            text(x, "sent", time(m.sent(), zone));
            text(x, "status", m.status());
            text(x, "msgType", m.msgType());
            text(x, "scope", "Public");
            optional(x, "note", m.note());
            if (!m.references().isEmpty()) {
                StringBuilder refs = new StringBuilder();
                for (CapMessage.Reference r : m.references()) {
                    if (!refs.isEmpty()) {
                        refs.append(' ');
                    }
                    refs.append(r.sender()).append(',').append(r.identifier()).append(',').append(time(r.sent(), zone));
                }
                text(x, "references", refs.toString());
            }
            for (CapMessage.Info i : m.infos()) {
                info(x, i, zone);
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a CAP message", e);
        }
        return out.toString();
    }

    private static void info(XMLStreamWriter x, CapMessage.Info i, ZoneId zone) throws XMLStreamException {
        x.writeStartElement(NAMESPACE, "info");
        text(x, "language", i.language());
        for (String c : i.categories()) {
            text(x, "category", c);
        }
        text(x, "event", i.event());
        for (String r : i.responseTypes()) {
            text(x, "responseType", r);
        }
        text(x, "urgency", i.urgency());
        text(x, "severity", i.severity());
        text(x, "certainty", i.certainty());
        for (CapMessage.NamedValue v : i.eventCodes()) {
            named(x, "eventCode", v);
        }
        optional(x, "onset", i.onset().map(t -> time(t, zone)));
        optional(x, "expires", i.expires().map(t -> time(t, zone)));
        text(x, "senderName", i.senderName());
        text(x, "headline", i.headline());
        text(x, "description", i.description());
        optional(x, "instruction", i.instruction());
        text(x, "web", i.web());
        optional(x, "contact", i.contact());
        for (CapMessage.Area a : i.areas()) {
            x.writeStartElement(NAMESPACE, "area");
            text(x, "areaDesc", a.areaDesc());
            for (List<CapMessage.Point> ring : a.polygons()) {
                text(x, "polygon", polygon(ring));
            }
            for (CapMessage.Circle c : a.circles()) {
                text(x, "circle", circle(c));
            }
            for (CapMessage.NamedValue g : a.geocodes()) {
                named(x, "geocode", g);
            }
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void named(XMLStreamWriter x, String name, CapMessage.NamedValue v) throws XMLStreamException {
        x.writeStartElement(NAMESPACE, name);
        text(x, "valueName", v.valueName());
        text(x, "value", v.value());
        x.writeEndElement();
    }

    private static void optional(XMLStreamWriter x, String name, Optional<String> value) throws XMLStreamException {
        if (value.isPresent()) {
            text(x, name, value.get());
        }
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(NAMESPACE, name);
        x.writeCharacters(value);
        x.writeEndElement();
    }
}
