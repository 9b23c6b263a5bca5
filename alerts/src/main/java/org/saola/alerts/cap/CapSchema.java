package org.saola.alerts.cap;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Saola's own XML Schema of CAP 1.2 ({@code cap/cap-1.2.xsd}, written from the standard's data dictionary), compiled
 * once. Every message is validated against it before it is published; tests validate what the feed serves.
 */
public final class CapSchema {

    private static final Schema SCHEMA = load();

    private CapSchema() {
    }

    private static Schema load() {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newSchema(new StreamSource(CapSchema.class.getResourceAsStream("/cap/cap-1.2.xsd"), "cap-1.2.xsd"));
        } catch (SAXException e) {
            throw new IllegalStateException("Saola's CAP 1.2 schema does not compile", e);
        }
    }

    /** Why this XML is not a valid CAP 1.2 message (the first error, with its line and column), or empty. */
    public static Optional<String> problem(String xml) {
        try {
            Validator v = SCHEMA.newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.validate(new StreamSource(new StringReader(xml)));
            return Optional.empty();
        } catch (SAXParseException e) {
            return Optional.of("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
