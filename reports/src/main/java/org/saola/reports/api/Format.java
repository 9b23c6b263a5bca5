package org.saola.reports.api;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.saola.platform.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The format an Open311 client asked for, by the path's extension (GeoReport v2: "appending the format name to
 * the resource"), never by {@code Accept}: clients send {@code Accept: text/xml} whatever they parse.
 */
enum Format {
    XML(new MediaType("text", "xml", StandardCharsets.UTF_8)),
    JSON(new MediaType("application", "json", StandardCharsets.UTF_8));

    static final String ATTRIBUTE = Format.class.getName();

    private final MediaType type;

    Format(MediaType type) {
        this.type = type;
    }

    /** The format named, remembered on the request so that an error is answered in it too. */
    static Format of(String extension, HttpServletRequest request) {
        Format f = switch (extension) {
            case "xml" -> XML;
            case "json" -> JSON;
            default -> null;
        };
        if (f == null) {
            throw new NotFoundException("there is no ." + extension + " format: ask for .xml or .json");
        }
        request.setAttribute(ATTRIBUTE, f);
        return f;
    }

    /** The format remembered on the request; JSON when none was (a path without a valid extension). */
    static Format of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Format f ? f : guess(request.getRequestURI());
    }

    private static Format guess(String path) {
        return path.endsWith(".xml") ? XML : JSON;
    }

    ResponseEntity<String> body(Open311Document.Node root) {
        return body(200, root);
    }

    ResponseEntity<String> body(int status, Open311Document.Node root) {
        String text = this == XML ? Open311Document.xml(root) : Open311Document.json(root).toString();
        return ResponseEntity.status(status).contentType(type).body(text);
    }
}
