package org.saola.platform.residents;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.JsonText;
import org.saola.platform.outbound.OutboundHttp;

/**
 * Codes by SMS through the city's SMS gateway, over HTTP: {@code POST <url>} with {@code {"to": "+84…",
 * "text": "…"}} and {@code Authorization: Bearer <token>}, the shape most gateways (and a thin adapter in
 * front of any other) take. The call goes through the outbound policy like every other.
 */
public class SmsGatewayCodeSender implements OneTimeCodeSender {

    private final OutboundHttp http;
    private final URI url;
    private final String token;

    public SmsGatewayCodeSender(OutboundHttp http, URI url, String token) {
        this.http = http;
        this.url = url;
        this.token = token;
    }

    @Override
    public Contact.Kind channel() {
        return Contact.Kind.PHONE;
    }

    @Override
    public void send(Contact to, String text) {
        String body = "{\"to\":" + JsonText.quote(to.value()) + ",\"text\":" + JsonText.quote(text) + "}";
        try {
            OutboundHttp.Response r = http.post(Optional.empty(), url,
                    token.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + token),
                    body.getBytes(StandardCharsets.UTF_8), "application/json");
            if (r.status() / 100 != 2) {
                throw new CodeNotSentException("the SMS gateway answered HTTP " + r.status());
            }
        } catch (IOException e) {
            throw new CodeNotSentException("the SMS gateway could not be reached");
        }
    }
}
