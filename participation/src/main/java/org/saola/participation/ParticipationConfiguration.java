package org.saola.participation;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Map;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.store.BallotWriter;
import org.saola.participation.domain.ProposalService;
import org.saola.participation.store.ParticipationStore;
import org.saola.participation.store.ProposalStore;
import org.saola.participation.store.FollowUpStore;
import org.saola.participation.store.ConsultationStore;
import org.saola.participation.store.MeetingStore;
import org.saola.participation.domain.MeetingService;
import org.saola.participation.domain.ConsultationService;
import org.saola.participation.domain.FollowUpService;
import org.saola.platform.media.PhotoStores;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.residents.ContactCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/** Participation: processes, participatory budgets and their secret ballots (docs/participation.md). */
@Configuration(proxyBeanMethods = false)
public class ParticipationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ParticipationConfiguration.class);

    @Bean
    ParticipationStore participationStore(JdbcClient jdbc, JsonMapper json) {
        return new ParticipationStore(jdbc, json);
    }

    /** One writer per node commits the ballots waiting, together (group commit). */
    @Bean(destroyMethod = "close")
    BallotWriter ballotWriter(ParticipationStore store, org.springframework.transaction.PlatformTransactionManager transactions) {
        return new BallotWriter(store, new org.springframework.transaction.support.TransactionTemplate(transactions), 10_000, 500);
    }

    @Bean
    org.saola.participation.domain.Census census(JdbcClient jdbc, javax.sql.DataSource data, ContactCipher cipher, AuditLog audit,
            InstantSource clock, @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        return new org.saola.participation.domain.Census(new org.saola.participation.store.CensusStore(jdbc,
                new org.springframework.jdbc.core.JdbcTemplate(data)), cipher, audit, clock, ZoneId.of(zone));
    }

    @Bean
    ParticipationService participationService(ParticipationStore store, BallotWriter writer, ContactCipher cipher,
            org.saola.platform.residents.ResidentAccounts residents, AuditLog audit,
            org.saola.platform.security.Departments departments, InstantSource clock, @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone,
            org.saola.participation.domain.Census census) {
        return new ParticipationService(store, writer, cipher, residents, audit, departments, clock, ZoneId.of(zone), census);
    }

    @Bean
    org.saola.participation.domain.ProcessDocuments processDocuments(JdbcClient jdbc, ParticipationService processes, AuditLog audit,
            InstantSource clock) {
        return new org.saola.participation.domain.ProcessDocuments(new org.saola.participation.store.DocumentStore(jdbc), processes,
                audit, clock);
    }

    @Bean
    ProposalStore proposalStore(JdbcClient jdbc) {
        return new ProposalStore(jdbc);
    }

    @Bean
    FollowUpStore followUpStore(JdbcClient jdbc) {
        return new FollowUpStore(jdbc);
    }

    /**
     * Participation keeps its photos (proposals', progress updates') apart from reports' in a directory of its
     * own, or under its own prefix of the object store; the store is no bean, so no other module's photo store
     * is confused with it.
     */
    @Bean
    FollowUpService followUpService(ParticipationService processes, ProposalStore proposals, FollowUpStore store,
            org.saola.platform.residents.ResidentMessages messages, AuditLog audit, InstantSource clock,
            @Value("${saola.participation.photo-dir:${saola.data-dir:./data}/participation-photos}") java.nio.file.Path photoDir,
            @Value("${saola.participation.public-url:http://localhost:8080}") String publicUrl,
            org.saola.platform.residents.ResidentConsents consents, PhotoStores photoStores,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        return new FollowUpService(processes, proposals, store, photoStores.of("participation", photoDir), messages, audit, clock, publicUrl,
                consents, new org.springframework.transaction.support.TransactionTemplate(transactions));
    }

    @Bean
    ConsultationStore consultationStore(JdbcClient jdbc, JsonMapper json) {
        return new ConsultationStore(jdbc, json);
    }

    @Bean
    ConsultationService consultationService(ParticipationService processes, ConsultationStore store, FollowUpService followUp,
            AuditLog audit, InstantSource clock, org.saola.platform.residents.ResidentAccounts residents,
            org.saola.participation.domain.Census census) {
        return new ConsultationService(processes, store, followUp, audit, clock, residents, census);
    }

    @Bean
    org.saola.participation.domain.SmsVoting smsVoting(ParticipationService participation, FollowUpService followUp,
            org.saola.platform.residents.ResidentAccounts residents, InstantSource clock) {
        return new org.saola.participation.domain.SmsVoting(participation, followUp, residents, clock);
    }

    @Bean
    MeetingService meetingService(ParticipationService processes, JdbcClient jdbc, ProposalStore proposals, AuditLog audit,
            InstantSource clock) {
        return new MeetingService(processes, new MeetingStore(jdbc), proposals, audit, clock);
    }

    @Bean
    ProposalService proposalService(ParticipationService processes, ProposalStore store,
            org.saola.platform.residents.ResidentAccounts residents, AuditLog audit, InstantSource clock, FollowUpService followUp,
            @Value("${saola.participation.photo-dir:${saola.data-dir:./data}/participation-photos}") java.nio.file.Path photoDir,
            @Value("${saola.participation.hide-after-reports:3}") int hideAfterReports, PhotoStores photoStores,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        return new ProposalService(processes, store, photoStores.of("participation", photoDir), residents, audit, clock, followUp,
                hideAfterReports, new org.springframework.transaction.support.TransactionTemplate(transactions));
    }

    @Bean
    CountTimer participationCountTimer(ParticipationService participation, FollowUpService followUp) {
        return new CountTimer(participation, followUp);
    }

    /**
     * Counts each vote soon after its last day ends (every node tries; the process row is locked and the count
     * recorded, so it runs once).
     */
    static class CountTimer {
        private final ParticipationService participation;
        private final FollowUpService followUp;

        CountTimer(ParticipationService participation, FollowUpService followUp) {
            this.participation = participation;
            this.followUp = followUp;
        }

        @Scheduled(fixedDelayString = "${saola.participation.count-every:PT1M}", initialDelayString = "PT20S")
        void countDue() {
            for (Map.Entry<TenantId, String> due : participation.dueForCount()) {
                try {
                    if (followUp.countAndTell(due.getKey(), due.getValue())) {
                        log.info("Counted the vote of process {} in tenant {}", due.getValue(), due.getKey().value());
                    }
                } catch (RuntimeException e) {
                    log.warn("Counting the vote of {} failed (retried): {}", due.getValue(), e.toString());
                }
            }
        }
    }
}
