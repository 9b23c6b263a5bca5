package org.saola.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection, one request at a time, on the calling (platform) thread: the load
 * generator of the throughput benchmarks. It does almost nothing besides writing the request and reading the
 * response, so that the two cores it shares with Saola go to Saola: with {@code java.net.http} on virtual
 * threads, the generator took about half of what Saola could otherwise serve (1 470 against 3 170 partial
 * updates/s, compared with wrk on the same machine). Not a general client: it reads Content-Length and
 * chunked bodies and reconnects when the server closes the connection.
 */
final class KeepAliveClient implements AutoCloseable {

    private final String host;
    private final int port;
    private final String authorization;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveClient(String host, int port, String authorization) {
        this.host = host;
        this.port = port;
        this.authorization = authorization;
    }

    /** Sends the request (a JSON body, if any) and reads the whole response; returns its status. */
    int send(String method, String path, String body) throws IOException {
        return send(method, path, body, "application/json");
    }

    /** Sends the request with a body of {@code contentType} and reads the whole response; returns its status. */
    int send(String method, String path, String body, String contentType) throws IOException {
        return send(method, path, body, contentType, "");
    }

    /** As above, with more header lines (each ending in CRLF), e.g. a browser's session cookie. */
    int send(String method, String path, String body, String contentType, String headers) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                return exchange(method, path, body, contentType, headers);
            } catch (IOException e) {
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    private int exchange(String method, String path, String body, String contentType, String headers) throws IOException {
        byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append(authorization == null ? "" : "Authorization: " + authorization + "\r\n").append(headers);
        if (payload != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(payload.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (payload != null) {
            out.write(payload);
        }
        out.flush();

        String status = line();
        if (status.length() < 12 || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = code == 204 || code == 304 || method.equals("HEAD") ? 0 : -1;
        boolean chunked = false;
        boolean closing = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closing = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            skip(length);
        } else if (length < 0) {
            closing = true;        // read to the end of the connection
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (closing) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in a response body");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
