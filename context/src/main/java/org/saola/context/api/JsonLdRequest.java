package org.saola.context.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saola.context.jsonld.JsonLdContexts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The @context a request names in its {@code Link} header (NGSI-LD 1.8.1 §6.3.5), and how its response is
 * to be shaped: {@code application/ld+json} carries the @context in the body, {@code application/json} in a
 * {@code Link} header.
 *
 * @param inlineContext the body's @context as sent, when it holds inline objects (repeated in ld+json answers)
 * @param registered the user part of that @context as Saola registered it (kept for subscriptions), or null
 */
record JsonLdRequest(List<URI> contexts, boolean ldJson, JsonNode inlineContext, JsonNode registered) {

    JsonLdRequest(List<URI> contexts, boolean ldJson) {
        this(contexts, ldJson, null, null);
    }

    /**
     * A query sent in a body (POST …/query), answered with the body's @context in the representation its
     * {@code Accept} asks for.
     */
    JsonLdRequest answering(String accept) {
        return new JsonLdRequest(contexts, wantsLdJson(accept), inlineContext, registered);
    }

    static final MediaType LD_JSON = MediaType.parseMediaType("application/ld+json");
    /** Where Saola serves the inline @contexts it was sent. */
    static final String HOSTED = "/ngsi-ld/v1/jsonldContexts/";
    private static final Pattern LINK = Pattern.compile(
            "<([^>]+)>\\s*;(?=[^,]*rel=\"?http://www\\.w3\\.org/ns/json-ld#context\"?)");

    static JsonLdRequest of(String linkHeader, String accept, JsonLdContexts known) {
        List<URI> contexts = List.of(JsonLdContexts.CORE_CONTEXT);
        if (linkHeader != null && !linkHeader.isBlank()) {
            Matcher m = LINK.matcher(linkHeader);
            if (m.find()) {
                URI uri = contextUri(m.group(1), known);
                contexts = uri.equals(JsonLdContexts.CORE_CONTEXT) ? contexts : List.of(uri, JsonLdContexts.CORE_CONTEXT);
            }
        }
        return new JsonLdRequest(contexts, wantsLdJson(accept));
    }

    /**
     * The @context of a request with a body (NGSI-LD 1.8.1 §6.3.5): with {@code application/ld+json} it is the
     * body's {@code @context}; with {@code application/json} it is the {@code Link} header's, and the body
     * must not carry one.
     */
    static JsonLdRequest withBody(String contentType, String linkHeader, JsonNode body, JsonLdContexts known) {
        MediaType type;
        try {
            type = contentType == null ? MediaType.APPLICATION_JSON : MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new NgsiLdException(NgsiLdException.ErrorType.InvalidRequest, "Content-Type '" + contentType
                    + "' is not a media type");
        }
        boolean hasContext = body != null && body.isObject() && body.has("@context");
        if (!type.equalsTypeAndSubtype(LD_JSON)) {
            if (hasContext) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "with Content-Type "
                        + "application/json the @context goes in a Link header; send application/ld+json to put "
                        + "it in the body");
            }
            return of(linkHeader, null, known);
        }
        if (linkHeader != null && LINK.matcher(linkHeader).find()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "with Content-Type "
                    + "application/ld+json the @context is in the body, not in a Link header");
        }
        if (!hasContext) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "a body of type "
                    + "application/ld+json carries its @context; add \"@context\" or send application/json");
        }
        JsonNode ctx = body.get("@context");
        List<URI> contexts = new ArrayList<>();
        var user = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        boolean inline = false;
        for (JsonNode c : ctx.isArray() ? ctx : List.of(ctx)) {
            if (c.isObject()) {
                user.add(c);
                inline = true;
            } else if (c.isString()) {
                URI uri = contextUri(c.asString(), known);
                if (!uri.equals(JsonLdContexts.CORE_CONTEXT)) {
                    contexts.add(uri);
                    user.add(uri.toString());
                }
            } else {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "each @context is the URL of a "
                        + "context or an object of term definitions; got " + c);
            }
        }
        if (inline) {
            // The user @context, URLs and objects in their order, becomes one context Saola holds and serves.
            JsonNode registered = user.size() == 1 ? user.get(0) : user;
            return new JsonLdRequest(List.of(inline(registered, known), JsonLdContexts.CORE_CONTEXT), false, ctx,
                    registered);
        }
        contexts.add(JsonLdContexts.CORE_CONTEXT);
        return new JsonLdRequest(List.copyOf(contexts), false);
    }

    /**
     * An inline @context (JSON-LD 1.1 §3.1), registered under a URI of its own for the JSON-LD processing.
     * An invalid one is the client's error; one naming a URL that cannot be fetched is 503 like that URL.
     */
    static URI inline(JsonNode context, JsonLdContexts known) {
        try {
            return known.register(context);
        } catch (org.saola.context.jsonld.InvalidContextException e) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, e.getMessage());
        }
    }

    /** The @context member of a response body: the request's inline @context as sent, or its URL. */
    JsonNode contextMember() {
        return inlineContext != null ? inlineContext
                : tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(responseContext().toString());
    }

    /**
     * The URL for a Link header naming the user @context: an inline one is served by Saola at
     * {@code /ngsi-ld/v1/jsonldContexts/{id}}.
     */
    String linkTarget() {
        return linkTarget(responseContext());
    }

    static String linkTarget(URI context) {
        if (!context.toString().startsWith(JsonLdContexts.INLINE_PREFIX)) {
            return context.toString();
        }
        try {
            return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                    .path(HOSTED).path(context.toString()).build().toUriString();
        } catch (IllegalStateException outsideARequest) {
            return HOSTED + context;
        }
    }

    static URI contextUri(String value, JsonLdContexts known) {
        int hosted = value.indexOf(HOSTED + JsonLdContexts.INLINE_PREFIX);
        if (hosted >= 0) {
            // An inline @context Saola serves itself: used as it is held, not fetched over HTTP from Saola.
            String id = value.substring(hosted + HOSTED.length()).strip();
            if (id.matches(java.util.regex.Pattern.quote(JsonLdContexts.INLINE_PREFIX) + "[0-9a-f]{64}")
                    && known.inlineContext(URI.create(id)).isPresent()) {
                return URI.create(id);
            }
        }
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "the @context '" + value + "' is not a valid URI");
        }
        if (!known.serves(uri)) {
            throw new NgsiLdException(NgsiLdException.ErrorType.LdContextNotAvailable, known.whyNot(uri));
        }
        return uri;
    }

    /**
     * Whether the response is JSON-LD (RFC 9110 §12.5.1 content negotiation): of {@code application/json}
     * and {@code application/ld+json}, the one the Accept header gives the higher quality; on a tie, JSON
     * (NGSI-LD 1.8.1 §6.3.4), except that {@code application/*} alone gives JSON-LD. Neither acceptable
     * (both q=0, or only other types) is 406.
     */
    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    /**
     * Whether the Accept header prefers the GeoJSON representation (§4.5.16, {@code application/geo+json}) to
     * JSON and JSON-LD.
     */
    static boolean wantsGeoJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return false;                   // wantsLdJson says what is wrong with it
        }
        double[] geo = quality(types, GEO_JSON);
        return geo[1] == 2 && geo[0] > 0 && geo[0] >= quality(types, MediaType.APPLICATION_JSON)[0]
                && geo[0] >= quality(types, LD_JSON)[0];
    }

    private static boolean wantsLdJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "Accept '" + accept
                    + "' is not a list of media types");
        }
        double[] json = quality(types, MediaType.APPLICATION_JSON);
        double[] ld = quality(types, LD_JSON);
        if (json[0] <= 0 && ld[0] <= 0) {
            throw new NgsiLdException(NgsiLdException.ErrorType.NotAcceptable, "Saola answers application/json or "
                    + "application/ld+json; the Accept header '" + accept + "' allows neither");
        }
        // application/* alone names no preference between the two: JSON-LD, NGSI-LD's own type, as before.
        return ld[0] > json[0] || ld[0] == json[0] && ld[1] == 1 && json[1] == 1;
    }

    /**
     * The quality the Accept header gives a media type, decided by its most specific matching range, and
     * that range's specificity (0 for {@code *}{@code /*}, 1 for {@code application/*}, 2 exact; -1 none).
     */
    private static double[] quality(List<MediaType> accepted, MediaType type) {
        double quality = 0;
        int specificity = -1;
        for (MediaType range : accepted) {
            if (!range.includes(type)) {
                continue;
            }
            int s = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
            if (s > specificity) {
                specificity = s;
                quality = range.getQualityValue();
            }
        }
        return new double[] {quality, specificity};
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
                .header(HttpHeaders.LINK, "<" + linkTarget()
                        + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"")
                .body(body);
    }
}
