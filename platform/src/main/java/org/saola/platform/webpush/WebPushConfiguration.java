package org.saola.platform.webpush;

import java.time.InstantSource;
import org.saola.platform.outbound.OutboundHttp;
import org.saola.platform.residents.ContactCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class WebPushConfiguration {

    @Bean
    VapidKeys vapidKeys(JdbcClient jdbc, ContactCipher cipher, InstantSource clock,
            @Value("${saola.web-push.subject:mailto:${saola.residents.mail-from:no-reply@saola.city}}") String subject) {
        Vapid.checkSubject(subject);                // at start, not at the first push
        return new VapidKeys(jdbc, cipher, clock, subject);
    }

    @Bean
    WebPushSender webPushSender(OutboundHttp http, VapidKeys keys, InstantSource clock,
            @Value("${saola.web-push.services:fcm.googleapis.com,push.services.mozilla.com,notify.windows.com,push.apple.com}")
            java.util.List<String> services) {
        return new WebPushSender(http, keys, clock, services);
    }
}
