package org.saola.participation.api;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.saola.participation.domain.SmsVoting;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the city's SMS gateway posts the text messages residents send to its number: {@code POST
 * /public/v1/participation/sms} with {@code {"from": "+84…", "text": "…"}} and {@code Authorization: Bearer
 * <saola.participation.sms-inbound-token>}; 202, the answer going back by SMS. Off (404) while no token is set.
 */
@RestController
class SmsController {

    record InboundSms(String from, String text) {
    }

    private final SmsVoting sms;
    private final PublicTenant tenants;
    private final byte[] token;

    SmsController(SmsVoting sms, PublicTenant tenants, @Value("${saola.participation.sms-inbound-token:}") String token) {
        this.sms = sms;
        this.tenants = tenants;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("/public/v1/participation/sms")
    @PublicRoute("the SMS gateway passes on residents' text messages; it proves itself with the inbound token")
    ResponseEntity<Void> inbound(@RequestHeader(name = "Authorization", defaultValue = "") String authorization,
            @RequestBody InboundSms message, HttpServletRequest request) {
        if (token.length == 0) {
            throw new NotFoundException("voting by SMS is not set up in this city");
        }
        byte[] given = authorization.startsWith("Bearer ") ? authorization.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(token, given)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (message.from() == null || message.from().isBlank()) {
            throw new InvalidInputException("from", "give the number the message came from");
        }
        sms.receive(tenants.of(request), message.from(), message.text());
        return ResponseEntity.accepted().build();
    }
}
