package org.saola.platform.residents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.outbound.OutboundHttp;
import org.saola.platform.security.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/** Residents' accounts: the contact key, and the channels codes are sent by. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResidentsConfiguration.Properties.class)
public class ResidentsConfiguration {

    /**
     * @param contactKey Base64 of 32 random bytes that encrypt residents' contacts; empty = one generated on
     *     the first start and kept in {@code <data-dir>/secrets/resident-contact.key} (set it explicitly when the
     *     database is external or several nodes share it)
     * @param dataDir where a generated key is kept
     * @param mailFrom sender address of codes sent by e-mail (e-mail codes are sent only when spring.mail.host is set)
     * @param smsUrl the SMS gateway's URL (empty: no codes by SMS)
     * @param smsToken the bearer token the SMS gateway expects
     */
    @ConfigurationProperties("saola.residents")
    public record Properties(@DefaultValue("") String contactKey, @DefaultValue("./data") Path dataDir,
            @DefaultValue("no-reply@saola.city") String mailFrom, @DefaultValue("") String smsUrl,
            @DefaultValue("") String smsToken, @DefaultValue("72h") java.time.Duration requestDeadline) {
        public Properties {
            if (!contactKey.isBlank()) {
                byte[] k;
                try {
                    k = Base64.getDecoder().decode(contactKey.strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("saola.residents.contact-key is not Base64");
                }
                if (k.length != 32) {
                    throw new IllegalArgumentException("saola.residents.contact-key must be 32 bytes in Base64 (openssl rand -base64 32)");
                }
            }
            if (!smsUrl.isBlank() && !smsUrl.matches("https?://.+")) {
                throw new IllegalArgumentException("saola.residents.sms-url must be an http(s) URL; got '" + smsUrl + "'");
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ResidentsConfiguration.class);

    @Bean
    ContactCipher contactCipher(Properties properties) {
        if (!properties.contactKey().isBlank()) {
            return new ContactCipher(Base64.getDecoder().decode(properties.contactKey().strip()));
        }
        Path file = properties.dataDir().resolve("secrets").resolve("resident-contact.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                try {
                    // Readable by Saola's user only from the moment it exists.
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);         // not a POSIX file system: the directory's protection applies
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
                log.warn("Generated the key that encrypts residents' contacts in {}; back it up, and set "
                        + "saola.residents.contact-key explicitly in production", file);
            }
            return new ContactCipher(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the residents' contact key in " + file, e);
        }
    }

    @Bean
    ResidentAccounts residentAccounts(JdbcClient jdbc, ContactCipher cipher, Properties properties,
            ObjectProvider<JavaMailSender> mail, OutboundHttp http, InstantSource clock, RateLimits limits,
            AuditLog audit, ObjectProvider<OneTimeCodeSender> others) {
        List<OneTimeCodeSender> senders = new ArrayList<>();
        mail.ifAvailable(m -> senders.add(new MailCodeSender(m, properties.mailFrom())));
        if (!properties.smsUrl().isBlank()) {
            senders.add(new SmsGatewayCodeSender(http, URI.create(properties.smsUrl()), properties.smsToken()));
        }
        others.orderedStream().forEach(senders::add);      // after the real channels: e.g. the demo city's outbox
        return new ResidentAccounts(jdbc, cipher, senders, clock, limits, audit);
    }

    @Bean
    ResidentConsents residentConsents(JdbcClient jdbc, ObjectProvider<ConsentPurpose> purposes, AuditLog audit,
            InstantSource clock) {
        return new ResidentConsents(jdbc, purposes, audit, clock);
    }

    @Bean
    ResidentRights residentRights(JdbcClient jdbc, ContactCipher cipher, ObjectProvider<ResidentDataSource> sources,
            ResidentConsents consents, ResidentAccounts accounts, AuditLog audit, InstantSource clock, Properties properties,
            @org.springframework.beans.factory.annotation.Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        if (properties.requestDeadline().isNegative() || properties.requestDeadline().isZero()) {
            throw new IllegalArgumentException("saola.residents.request-deadline must be positive");
        }
        return new ResidentRights(jdbc, cipher, sources, consents, accounts, audit, clock, properties.requestDeadline(),
                java.time.ZoneId.of(zone));
    }

    @Bean
    ResidentMessages residentMessages(JdbcClient jdbc, ResidentAccounts accounts, InstantSource clock,
            org.saola.platform.security.Departments departments) {
        return new ResidentMessages(jdbc, accounts, clock, departments);
    }

    @Bean
    MessageDelivery residentMessageDelivery(ResidentMessages messages) {
        return new MessageDelivery(messages);
    }

    /** Sends residents' messages as they fall due (every node; the lease makes each go once). */
    static class MessageDelivery {
        private final ResidentMessages messages;

        MessageDelivery(ResidentMessages messages) {
            this.messages = messages;
        }

        @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${saola.residents.deliver-every:PT2S}",
                initialDelayString = "${saola.residents.deliver-every:PT2S}")
        void deliver() {
            try {
                while (messages.deliverDue() > 0) {
                    // a full batch may have more behind it
                }
            } catch (RuntimeException e) {
                log.warn("Delivering residents' messages failed: {}", e.toString());
            }
        }
    }
}
