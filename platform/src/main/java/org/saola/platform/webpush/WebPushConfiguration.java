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
        return new VapidKeys(jdbc, cipher, clock, subject);
    }

    @Bean
    WebPushSender webPushSender(OutboundHttp http, VapidKeys keys, InstantSource clock) {
        return new WebPushSender(http, keys, clock);
    }
}
