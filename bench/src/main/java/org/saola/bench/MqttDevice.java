package org.saola.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One device's MQTT 3.1.1 connection, as light as a load generator can be (the HTTP counterpart is
 * {@link KeepAliveClient}): CONNECT with the device's credentials, then each PUBLISH at QoS 1 waits for its
 * PUBACK, which Saola sends only once the reading is committed. Not a general client.
 */
final class MqttDevice implements AutoCloseable {

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final InputStream in;
    private final byte[] topic;
    private int packetId;

    MqttDevice(String host, int port, String username, String secret, String topic) throws IOException {
        this.topic = topic.getBytes(StandardCharsets.UTF_8);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(120_000);
        out = new BufferedOutputStream(socket.getOutputStream(), 4096);
        in = new BufferedInputStream(socket.getInputStream(), 4096);
        ByteArrayOutputStream connect = new ByteArrayOutputStream();
        string(connect, "MQTT".getBytes(StandardCharsets.US_ASCII));
        connect.write(4);                       // MQTT 3.1.1
        connect.write(0xC2);                    // user name, password, clean session
        connect.write(0);
        connect.write(60);                      // keep alive, s
        string(connect, ("bench-" + username.replace('/', '-')).getBytes(StandardCharsets.UTF_8));
        string(connect, username.getBytes(StandardCharsets.UTF_8));
        string(connect, secret.getBytes(StandardCharsets.UTF_8));
        send(0x10, connect.toByteArray());
        int type = in.read();
        byte[] ack = in.readNBytes(length());
        if (type != 0x20 || ack.length != 2 || ack[1] != 0) {
            throw new IOException("CONNACK refused " + username + ": " + (ack.length > 1 ? ack[1] : -1));
        }
    }

    /**
     * Packet ids as most embedded clients give them (Paho, PubSubClient: the next one each time, wrapping at
     * 65 535), or, with {@code -Dsaola.bench.mqtt-packet-ids=reuse}, the lowest free one (HiveMQ's client), which
     * with one message in flight is always 1. The broker keeps a map entry per id a connection has used.
     */
    private static final boolean REUSE_IDS = "reuse".equals(System.getProperty("saola.bench.mqtt-packet-ids"));

    /** Publishes at QoS 1 and waits for the PUBACK; false if the connection ends first. */
    boolean publish(byte[] payload) throws IOException {
        packetId = REUSE_IDS ? 1 : packetId % 65_535 + 1;
        ByteArrayOutputStream p = new ByteArrayOutputStream(topic.length + payload.length + 4);
        string(p, topic);
        p.write(packetId >>> 8);
        p.write(packetId & 0xFF);
        p.write(payload, 0, payload.length);
        send(0x32, p.toByteArray());
        while (true) {
            int type = in.read();
            if (type < 0) {
                return false;
            }
            byte[] body = in.readNBytes(length());
            if ((type & 0xF0) == 0x40 && body.length >= 2 && ((body[0] & 0xFF) << 8 | body[1] & 0xFF) == packetId) {
                return true;
            }
        }
    }

    private void send(int header, byte[] body) throws IOException {
        out.write(header);
        int n = body.length;
        do {
            int digit = n % 128;
            n /= 128;
            out.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        out.write(body);
        out.flush();
    }

    private int length() throws IOException {
        int value = 0;
        int multiplier = 1;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            value += (b & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((b & 0x80) != 0);
        return value;
    }

    private static void string(ByteArrayOutputStream o, byte[] s) {
        o.write(s.length >>> 8);
        o.write(s.length & 0xFF);
        o.write(s, 0, s.length);
    }

    @Override
    public void close() throws IOException {
        try {
            out.write(0xE0);                    // DISCONNECT
            out.write(0);
            out.flush();
        } finally {
            socket.close();
        }
    }
}
