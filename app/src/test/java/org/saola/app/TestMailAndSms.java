package org.saola.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where the platform's codes go in the end-to-end tests: a real SMTP server (GreenMail) and a local SMS
 * gateway (an HTTP server that keeps what it is sent), both on free ports, one of each per test JVM.
 */
final class TestMailAndSms {

    static final GreenMail MAIL = startMail();
    static final Queue<String> SMS = new ConcurrentLinkedQueue<>();
    static final HttpServer SMS_GATEWAY = startSms();

    private TestMailAndSms() {
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    private static HttpServer startSms() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/sms", exchange -> {
                if ("Bearer test-sms-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    SMS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(202, -1);
                } else {
                    exchange.sendResponseHeaders(401, -1);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the last mail received for this address, if any. */
    static java.util.Optional<String> lastMailTo(String address) {
        String found = null;
        for (jakarta.mail.internet.MimeMessage m : MAIL.getReceivedMessages()) {
            try {
                if (String.valueOf(m.getAllRecipients()[0]).equals(address)) {
                    found = String.valueOf(m.getContent());
                }
            } catch (Exception e) {
                // an unreadable message is not the one looked for
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    /** The text of a mail received for this address with these words, if any (whatever came after it). */
    static java.util.Optional<String> mailTo(String address, String containing) {
        for (jakarta.mail.internet.MimeMessage m : MAIL.getReceivedMessages()) {
            try {
                String text = String.valueOf(m.getContent());
                if (String.valueOf(m.getAllRecipients()[0]).equals(address) && text.contains(containing)) {
                    return java.util.Optional.of(text);
                }
            } catch (Exception e) {
                // an unreadable message is not the one looked for
            }
        }
        return java.util.Optional.empty();
    }

    static int smtpPort() {
        return MAIL.getSmtp().getPort();
    }

    static String smsUrl() {
        return "http://127.0.0.1:" + SMS_GATEWAY.getAddress().getPort() + "/sms";
    }
}
