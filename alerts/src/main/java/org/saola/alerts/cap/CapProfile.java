package org.saola.alerts.cap;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The rules public alert aggregators apply to a CAP message beyond the schema (as Google's public-alerts profile
 * does, ../shared/docs/INTEROP.md): at least one {@code info}; in each a {@code description}, {@code web},
 * {@code expires} after {@code sent}, a {@code senderName} and a headline under 140 characters; every {@code area}
 * located by a polygon, a circle or a geocode; polygons closed, not crossing themselves, with at most six decimals;
 * all {@code info} blocks of the same categories and event codes; an {@code Update} or {@code Cancel} referencing
 * earlier messages the sender published. Checked on every message before it is published, and by the tests on
 * what the feed serves, on the XML itself.
 */
public final class CapProfile {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private CapProfile() {
    }

    /** What breaks the aggregators' rules; {@code known} says whether an identifier is an earlier message. */
    public static List<String> problems(String xml, Predicate<String> known) {
        List<String> problems = new ArrayList<>();
        Element alert;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document d = b.parse(new InputSource(new StringReader(xml)));
            alert = d.getDocumentElement();
        } catch (Exception e) {
            return List.of("not well-formed XML: " + e.getMessage());
        }
        if (!CapXml.NAMESPACE.equals(alert.getNamespaceURI()) || !"alert".equals(alert.getLocalName())) {
            return List.of("the root element is not a CAP 1.2 alert");
        }
        String sent = text(alert, "sent");
        String msgType = text(alert, "msgType");
        if ("Update".equals(msgType) || "Cancel".equals(msgType)) {
            String refs = text(alert, "references");
            if (refs == null || refs.isBlank()) {
                problems.add("an " + msgType + " references the messages it updates or cancels");
            } else {
                for (String r : refs.strip().split(" ")) {
                    String[] parts = r.split(",");
                    if (parts.length != 3 || !known.test(parts[1])) {
                        problems.add("references: '" + r + "' is not an earlier message of this sender");
                    }
                }
            }
        }
        List<Element> infos = children(alert, "info");
        if (infos.isEmpty()) {
            problems.add("a message has at least one info block");
        }
        Set<String> categories = null;
        Set<String> eventCodes = null;
        for (int n = 0; n < infos.size(); n++) {
            Element info = infos.get(n);
            String where = "info[" + n + "]";
            for (String required : List.of("description", "web", "expires", "urgency", "severity", "certainty", "senderName")) {
                String v = text(info, required);
                if (v == null || v.isBlank()) {
                    problems.add(where + " has no " + required);
                }
            }
            String expires = text(info, "expires");
            if (expires != null && sent != null && java.time.OffsetDateTime.parse(expires).isBefore(java.time.OffsetDateTime.parse(sent))) {
                problems.add(where + ".expires is before the message was sent");
            }
            String headline = text(info, "headline");
            if (headline != null && headline.length() >= 140) {
                problems.add(where + ".headline is 140 characters or more");
            }
            Set<String> cats = new LinkedHashSet<>();
            children(info, "category").forEach(c -> cats.add(c.getTextContent().strip()));
            Set<String> codes = new LinkedHashSet<>();
            children(info, "eventCode").forEach(c -> codes.add(text(c, "valueName") + "=" + text(c, "value")));
            if (categories == null) {
                categories = cats;
                eventCodes = codes;
            } else if (!categories.equals(cats) || !eventCodes.equals(codes)) {
                problems.add(where + " has other categories or event codes than info[0]");
            }
            List<Element> areas = children(info, "area");
            if (areas.isEmpty()) {
                problems.add(where + " has no area");
            }
            for (int a = 0; a < areas.size(); a++) {
                Element area = areas.get(a);
                String at = where + ".area[" + a + "]";
                List<Element> polygons = children(area, "polygon");
                if (polygons.isEmpty() && children(area, "circle").isEmpty() && children(area, "geocode").isEmpty()) {
                    problems.add(at + " has no polygon, circle or geocode");
                }
                for (Element p : polygons) {
                    polygonProblem(p.getTextContent().strip()).ifPresent(problem -> problems.add(at + ".polygon " + problem));
                }
                for (Element c : children(area, "circle")) {
                    if (tooPrecise(c.getTextContent().strip().replace(' ', ','))) {
                        problems.add(at + ".circle has more than six decimals");
                    }
                }
            }
        }
        return problems;
    }

    /** What is wrong with a CAP polygon, if anything. */
    public static java.util.Optional<String> polygonProblem(String text) {
        String[] pairs = text.split(" ");
        if (pairs.length < 4) {
            return java.util.Optional.of("has fewer than four points");
        }
        Coordinate[] ring = new Coordinate[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            String[] ll = pairs[i].split(",");
            if (ll.length != 2 || tooPrecise(pairs[i])) {
                return java.util.Optional.of("point '" + pairs[i] + "' is not latitude,longitude with at most six decimals");
            }
            ring[i] = new Coordinate(Double.parseDouble(ll[1]), Double.parseDouble(ll[0]));
        }
        if (!ring[0].equals2D(ring[ring.length - 1])) {
            return java.util.Optional.of("is not closed (its last point is not its first)");
        }
        LinearRing r = GEOMETRY.createLinearRing(ring);
        if (!r.isSimple()) {
            return java.util.Optional.of("crosses itself");
        }
        return java.util.Optional.empty();
    }

    private static boolean tooPrecise(String numbers) {
        for (String n : numbers.split(",")) {
            int dot = n.indexOf('.');
            if (dot >= 0 && n.length() - dot - 1 > 6) {
                return true;
            }
        }
        return false;
    }

    private static String text(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0).getTextContent();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && name.equals(e.getLocalName()) && CapXml.NAMESPACE.equals(e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }
}
