package org.saola.app;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A street-tile server for the end-to-end tests (the city's own, as docs/security.md asks): every
 * {@code /tiles/{z}/{x}/{y}.png} is the same pale 256-pixel square with a street across it, and the requests are
 * counted, so browser tests see the maps draw tiles from the address configured.
 */
final class TestTiles {

    static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final byte[] TILE = tile();
    static final HttpServer SERVER = start();

    private TestTiles() {
    }

    private static byte[] tile() {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf6, 0xf6, 0xf2));
        g.fillRect(0, 0, 256, 256);
        g.setColor(Color.WHITE);
        g.fillRect(0, 120, 256, 16);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/tiles/", exchange -> {
                REQUESTS.incrementAndGet();
                boolean tile = exchange.getRequestURI().getPath().matches("/tiles/\\d+/\\d+/\\d+\\.png");
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(tile ? 200 : 404, tile ? TILE.length : -1);
                if (tile) {
                    exchange.getResponseBody().write(TILE);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address template the platform is configured with. */
    static String url() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/tiles/{z}/{x}/{y}.png";
    }
}
