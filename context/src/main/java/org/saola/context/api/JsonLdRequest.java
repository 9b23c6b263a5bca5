package org.saola.context.api;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saola.context.jsonld.JsonLdContexts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The @context a request names in its {@code Link} header (NGSI-LD 1.8.1 §6.3.5), and how its response is
 * to be shaped: {@code application/ld+json} carries the @context in the body, {@code application/json} in a
 * {@code Link} header.
 */
record JsonLdRequest(List<URI> contexts, boolean ldJson) {

    static final MediaType LD_JSON = MediaType.parseMediaType("application/ld+json");
    private static final Pattern LINK = Pattern.compile(
            "<([^>]+)>\\s*;(?=[^,]*rel=\"?http://www\\.w3\\.org/ns/json-ld#context\"?)");

    static JsonLdRequest of(String linkHeader, String accept, JsonLdContexts known) {
        List<URI> contexts = List.of(JsonLdContexts.CORE_CONTEXT);
        if (linkHeader != null && !linkHeader.isBlank()) {
            Matcher m = LINK.matcher(linkHeader);
            if (m.find()) {
                URI uri;
                try {
                    uri = URI.create(m.group(1).strip());
                } catch (IllegalArgumentException e) {
                    throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                            "the Link header's @context '" + m.group(1) + "' is not a valid URI");
                }
                if (!known.serves(uri)) {
                    throw new NgsiLdException(NgsiLdException.ErrorType.LdContextNotAvailable,
                            "the @context " + uri + " named in the Link header is not available to this broker");
                }
                contexts = uri.equals(JsonLdContexts.CORE_CONTEXT) ? contexts : List.of(uri, JsonLdContexts.CORE_CONTEXT);
            }
        }
        return new JsonLdRequest(contexts, wantsLdJson(accept));
    }

    private static boolean wantsLdJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        for (MediaType t : MediaType.parseMediaTypes(accept)) {
            if (t.isCompatibleWith(LD_JSON) && !t.isWildcardType()) {
                return true;
            }
            if (t.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                return false;
            }
        }
        return false;
    }

    /** The user @context: the one named in the request, or the core context. */
    URI responseContext() {
        return contexts.getFirst();
    }

    <T> ResponseEntity<T> respond(ResponseEntity.BodyBuilder builder, T body) {
        if (ldJson) {
            return builder.contentType(LD_JSON).body(body);
        }
        return builder.contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.LINK, "<" + responseContext()
                        + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"")
                .body(body);
    }
}
