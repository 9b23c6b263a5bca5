package org.saola.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.saola.platform.BodyTooLargeException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, requests no handler could take: a body larger than its route
 * family allows (413, whether it declares its length or is chunked), and a query string whose
 * percent-encoded bytes are not UTF-8 (400). Runs before the security filters, so an oversized sign-in
 * form costs nothing.
 */
public class RequestLimits extends OncePerRequestFilter {

    /** Largest request body per route family. */
    @ConfigurationProperties("saola.http.max-body")
    public record Properties(@DefaultValue("16MB") DataSize ngsiLd, @DefaultValue("1MB") DataSize api,
            @DefaultValue("1MB") DataSize publicApi, @DefaultValue("256KB") DataSize pages,
            @DefaultValue("32MB") DataSize reports, @DefaultValue("2GB") DataSize datasets) {
        public Properties {
            check("reports", reports);
            check("datasets", datasets);
            check("ngsi-ld", ngsiLd);
            check("api", api);
            check("public-api", publicApi);
            check("pages", pages);
        }

        private static void check(String key, DataSize size) {
            if (size.toBytes() < 1024) {
                throw new IllegalArgumentException("saola.http.max-body." + key + " must be at least 1KB; got " + size);
            }
        }
    }

    private final Properties limits;

    public RequestLimits(Properties limits) {
        this.limits = limits;
    }

    long limitFor(RouteFamily family) {
        return switch (family) {
            case PUBLIC_API -> limits.publicApi().toBytes();
            case NGSI_LD -> limits.ngsiLd().toBytes();
            case API -> limits.api().toBytes();
            case PAGES -> limits.pages().toBytes();
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !decodesAsUtf8(query)) {
            ProblemAuthenticationEntryPoint.write(response, 400, "Bad Request",
                    "the query string is not valid: its percent-encoded bytes must be UTF-8 text");
            return;
        }
        long limit = RouteFamily.carriesPhotos(request) ? limits.reports().toBytes()
                : RouteFamily.carriesDataset(request) ? limits.datasets().toBytes() : limitFor(RouteFamily.of(request));
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            response.setHeader("Connection", "close");
            ProblemAuthenticationEntryPoint.write(response, 413, "Content Too Large",
                    "the request body has " + declared + " bytes; this route accepts at most " + limit);
            return;
        }
        if (query != null || isForm(request) || isMultipart(request)) {
            // Tomcat parses parameters on first use and throws on broken percent-encoding wherever that
            // happens (a filter, a handler); parsed here, the failure is one precise 400 instead.
            try {
                request.getParameterMap();
            } catch (RuntimeException e) {
                ProblemAuthenticationEntryPoint.write(response, 400, "Bad Request", isMultipart(request)
                        ? "the multipart body is not valid: it needs a boundary, and parts that end"
                        : "the query string or form is not valid: each name and value must be percent-encoded UTF-8"
                                + " and there may be at most " + MAX_PARAMETERS + " of them");
                return;
            }
        }
        chain.doFilter(declared >= 0 ? request : new Bounded(request, limit), response);
    }

    /** Tomcat's own limit on the number of parameters (server.tomcat.max-parameter-count). */
    static final int MAX_PARAMETERS = 1000;

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    /** Strict: every %XX sequence well-formed, and the bytes they and the rest make valid UTF-8. */
    static boolean decodesAsUtf8(String query) {
        ByteBuffer bytes = ByteBuffer.allocate(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                int hi = Character.digit(query.charAt(i + 1), 16);
                int lo = Character.digit(query.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c > 0x7f) {
                return false;           // a raw non-ASCII byte: Tomcat would have to guess its encoding
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A chunked body (no Content-Length): counted as it is read, refused once past the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > limit) {
                            throw new BodyTooLargeException(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
