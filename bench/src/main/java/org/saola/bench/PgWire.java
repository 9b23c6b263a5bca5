package org.saola.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of PostgreSQL's frontend/backend protocol (v3) for the bench to talk to Saola's embedded database
 * directly, without a driver on its class path: trust authentication (the embedded server's), simple queries
 * returning text, and {@code COPY … FROM STDIN} of a buffer, for the raw ceiling the pipeline is compared with.
 */
final class PgWire implements AutoCloseable {

    private final Socket socket = new Socket();
    private final DataOutputStream out;
    private final DataInputStream in;

    PgWire(String host, int port, String user, String database) throws IOException {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        ByteArrayOutputStream startup = new ByteArrayOutputStream();
        DataOutputStream s = new DataOutputStream(startup);
        s.writeInt(196_608);                    // protocol 3.0
        for (String kv : new String[] {"user", user, "database", database}) {
            s.write(kv.getBytes(StandardCharsets.UTF_8));
            s.write(0);
        }
        s.write(0);
        out.writeInt(startup.size() + 4);
        out.write(startup.toByteArray());
        out.flush();
        untilReady(null);
    }

    /** Runs a statement; the rows of its result as texts (null for SQL NULL). */
    List<List<String>> query(String sql) throws IOException {
        byte[] q = (sql + "\0").getBytes(StandardCharsets.UTF_8);
        out.writeByte('Q');
        out.writeInt(q.length + 4);
        out.write(q);
        out.flush();
        List<List<String>> rows = new ArrayList<>();
        untilReady(rows);
        return rows;
    }

    /** {@code COPY … FROM STDIN} with {@code data} (already in the copy's format); one transaction. */
    void copy(String copySql, byte[] data, int length) throws IOException {
        byte[] q = (copySql + "\0").getBytes(StandardCharsets.UTF_8);
        out.writeByte('Q');
        out.writeInt(q.length + 4);
        out.write(q);
        out.flush();
        int type = in.readByte();
        byte[] body = body();
        if (type == 'E') {
            throw new IOException("COPY refused: " + error(body));
        }
        if (type != 'G') {
            throw new IOException("expected CopyInResponse, got " + (char) type);
        }
        for (int at = 0; at < length; at += 60_000) {
            int n = Math.min(60_000, length - at);
            out.writeByte('d');
            out.writeInt(n + 4);
            out.write(data, at, n);
        }
        out.writeByte('c');
        out.writeInt(4);
        out.flush();
        untilReady(null);
    }

    private void untilReady(List<List<String>> rows) throws IOException {
        IOException failure = null;
        while (true) {
            int type = in.readByte();
            byte[] body = body();
            switch (type) {
                case 'R' -> {
                    if (body.length < 4 || body[3] != 0 || body[0] != 0 || body[1] != 0 || body[2] != 0) {
                        throw new IOException("the database asks for a password; the bench knows only trust");
                    }
                }
                case 'E' -> failure = new IOException(error(body));
                case 'D' -> {
                    if (rows != null) {
                        DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(body));
                        int columns = d.readShort();
                        List<String> row = new ArrayList<>(columns);
                        for (int i = 0; i < columns; i++) {
                            int n = d.readInt();
                            row.add(n < 0 ? null : new String(d.readNBytes(n), StandardCharsets.UTF_8));
                        }
                        rows.add(row);
                    }
                }
                case 'Z' -> {
                    if (failure != null) {
                        throw failure;
                    }
                    return;
                }
                default -> {
                    // ParameterStatus, BackendKeyData, RowDescription, CommandComplete, notices: not needed
                }
            }
        }
    }

    private byte[] body() throws IOException {
        int n = in.readInt() - 4;
        return in.readNBytes(n);
    }

    private static String error(byte[] body) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < body.length && body[i] != 0; ) {
            char field = (char) body[i++];
            int end = i;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (field == 'M') {
                b.append(new String(body, i, end - i, StandardCharsets.UTF_8));
            }
            i = end + 1;
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        out.writeByte('X');
        out.writeInt(4);
        out.flush();
        socket.close();
    }
}
