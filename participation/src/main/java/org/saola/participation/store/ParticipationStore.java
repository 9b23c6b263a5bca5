package org.saola.participation.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.domain.Ballot;
import org.saola.participation.domain.Budget;
import org.saola.participation.domain.ParticipatoryProcess;
import org.saola.participation.domain.Phase;
import org.saola.participation.domain.PhaseDates;
import org.saola.participation.domain.Project;
import org.saola.participation.domain.Tally;
import org.saola.participation.domain.VotingRule;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Processes, projects, the ballot box and the published count (see the migration for what is kept where). */
public class ParticipationStore {

    /** A sealed ballot as the box holds it during the vote. */
    public record SealedBallot(byte[] sealed, String receipt) {
    }

    /** What the box knows of a receipt. */
    public enum ReceiptState { IN_THE_BOX, REPLACED, COUNTED, UNKNOWN }

    /** A process as stored, with when it was counted. */
    public record StoredProcess(ParticipatoryProcess process, Optional<Instant> countedAt, Optional<Integer> ballotsCounted) {
    }

    private static final String COLUMNS = "code, title_vi, title_en, summary_vi, summary_en, department_code, wards, phases::text,"
            + " voting_rule, minimum_spend, max_choices, budgets::text, counted_at, ballots_counted, support_threshold,"
            + " min_projects, voting_closes_at, eligibility";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ParticipationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ---- processes and projects

    public List<StoredProcess> processes(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_process WHERE tenant_id = ? ORDER BY created_at DESC, code")
                .param(tenant.value()).query((rs, i) -> process(rs)).list();
    }

    /** Every tenant's processes not counted yet (the count timer looks among them for votes that are over). */
    public List<Map.Entry<TenantId, StoredProcess>> uncounted() {
        return jdbc.sql("SELECT tenant_id, " + COLUMNS + " FROM participation_process WHERE counted_at IS NULL")
                .query((rs, i) -> Map.entry(new TenantId(rs.getString(1)), process(rs, 1))).list();
    }

    public Optional<StoredProcess> process(TenantId tenant, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_process WHERE tenant_id = ? AND code = ?")
                .params(tenant.value(), code).query((rs, i) -> process(rs)).optional();
    }

    /** The process, its row locked until the transaction ends (the count takes it so that it runs once). */
    public Optional<StoredProcess> lockProcess(TenantId tenant, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_process WHERE tenant_id = ? AND code = ? FOR UPDATE")
                .params(tenant.value(), code).query((rs, i) -> process(rs)).optional();
    }

    /** Creates or replaces a process; true when it is new. */
    public boolean put(TenantId tenant, ParticipatoryProcess p, Instant now) {
        List<Map<String, String>> phases = p.phases().stream().map(d -> Map.of("phase", d.phase().name(),
                "starts", d.starts().toString(), "ends", d.ends().toString())).toList();
        List<Map<String, Object>> budgets = p.budgets().stream().map(b -> Map.<String, Object>of("scope", b.scope(),
                "amount", b.amount())).toList();
        return jdbc.sql("""
                INSERT INTO participation_process (tenant_id, code, title_vi, title_en, summary_vi, summary_en,
                    department_code, wards, phases, voting_rule, minimum_spend, max_choices, budgets, support_threshold,
                    min_projects, voting_closes_at, eligibility, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, code) DO UPDATE SET title_vi = EXCLUDED.title_vi, title_en = EXCLUDED.title_en,
                    summary_vi = EXCLUDED.summary_vi, summary_en = EXCLUDED.summary_en,
                    department_code = EXCLUDED.department_code, wards = EXCLUDED.wards, phases = EXCLUDED.phases,
                    voting_rule = EXCLUDED.voting_rule, minimum_spend = EXCLUDED.minimum_spend,
                    max_choices = EXCLUDED.max_choices, budgets = EXCLUDED.budgets,
                    support_threshold = EXCLUDED.support_threshold, min_projects = EXCLUDED.min_projects,
                    voting_closes_at = EXCLUDED.voting_closes_at, eligibility = EXCLUDED.eligibility, updated_at = EXCLUDED.updated_at
                RETURNING (xmax = 0)""")
                .params(tenant.value(), p.code(), p.titleVi(), p.titleEn(), p.summaryVi(), p.summaryEn(), p.department(),
                        p.wards().toArray(String[]::new), json.writeValueAsString(phases),
                        p.rule() == null ? VotingRule.Kind.APPROVAL.name() : p.rule().kind().name(),
                        p.rule() == null ? 0 : p.rule().minimumSpendPercent(), p.rule() == null ? 0 : p.rule().maxChoices(),
                        json.writeValueAsString(budgets), p.supportThreshold(), p.rule() == null ? 0 : p.rule().minProjects(),
                        p.rule() == null || p.rule().closesAt() == null ? null : java.sql.Time.valueOf(p.rule().closesAt()),
                        p.eligibility().name(), Timestamp.from(now), Timestamp.from(now))
                .query(Boolean.class).single();
    }

    private StoredProcess process(ResultSet rs) throws SQLException {
        return process(rs, 0);
    }

    private StoredProcess process(ResultSet rs, int skip) throws SQLException {
        List<Map<String, String>> phases = json.readValue(rs.getString(skip + 8), new TypeReference<List<Map<String, String>>>() { });
        List<Map<String, Object>> budgets = json.readValue(rs.getString(skip + 12), new TypeReference<List<Map<String, Object>>>() { });
        List<PhaseDates> dates = phases.stream().map(m -> new PhaseDates(Phase.valueOf(m.get("phase")),
                LocalDate.parse(m.get("starts")), LocalDate.parse(m.get("ends")))).toList();
        boolean votes = dates.stream().anyMatch(d -> d.phase() == Phase.VOTING);
        java.sql.Time closes = rs.getTime(skip + 17);
        VotingRule rule = votes ? new VotingRule(VotingRule.Kind.valueOf(rs.getString(skip + 9)), rs.getInt(skip + 10), rs.getInt(skip + 11),
                rs.getInt(skip + 16), closes == null ? null : closes.toLocalTime()) : null;
        ParticipatoryProcess p = new ParticipatoryProcess(rs.getString(skip + 1), rs.getString(skip + 2), rs.getString(skip + 3),
                rs.getString(skip + 4), rs.getString(skip + 5), rs.getString(skip + 6), Arrays.asList((String[]) rs.getArray(skip + 7).getArray()), dates,
                rule, budgets.stream().map(m -> new Budget((String) m.get("scope"), ((Number) m.get("amount")).longValue())).toList(),
                rs.getInt(skip + 15), ParticipatoryProcess.Eligibility.valueOf(rs.getString(skip + 18)));
        Timestamp counted = rs.getTimestamp(skip + 13);
        int n = rs.getInt(skip + 14);
        return new StoredProcess(p, Optional.ofNullable(counted).map(Timestamp::toInstant),
                rs.wasNull() ? Optional.empty() : Optional.of(n));
    }

    public List<Project> projects(TenantId tenant, String process) {
        return jdbc.sql("""
                SELECT code, title_vi, title_en, description_vi, description_en, cost, scope FROM participation_project
                WHERE tenant_id = ? AND process_code = ? ORDER BY scope, title_vi""")
                .params(tenant.value(), process)
                .query((rs, i) -> new Project(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7))).list();
    }

    /** Creates or replaces a project; true when it is new. */
    public boolean put(TenantId tenant, String process, Project p, Instant now) {
        return jdbc.sql("""
                INSERT INTO participation_project (tenant_id, process_code, code, title_vi, title_en, description_vi,
                    description_en, cost, scope, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, process_code, code) DO UPDATE SET title_vi = EXCLUDED.title_vi,
                    title_en = EXCLUDED.title_en, description_vi = EXCLUDED.description_vi,
                    description_en = EXCLUDED.description_en, cost = EXCLUDED.cost, scope = EXCLUDED.scope,
                    updated_at = EXCLUDED.updated_at
                RETURNING (xmax = 0)""")
                .params(tenant.value(), process, p.code(), p.titleVi(), p.titleEn(), p.descriptionVi(), p.descriptionEn(),
                        p.cost(), p.scope(), Timestamp.from(now))
                .query(Boolean.class).single();
    }

    public boolean deleteProject(TenantId tenant, String process, String code) {
        return jdbc.sql("DELETE FROM participation_project WHERE tenant_id = ? AND process_code = ? AND code = ?")
                .params(tenant.value(), process, code).update() > 0;
    }

    // ---- the ballot box

    /**
     * Ballots take the process's box lock shared, the count exclusive (an advisory lock, held to the end of the
     * transaction: no row is written for it, so thousands of ballots a second do not contend on the process row).
     */
    public void lockBoxShared(TenantId tenant, String process) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 7))").param("ballot-box:" + tenant.value() + ":" + process)
                .query((rs, i) -> 1).list();
    }

    public void lockBoxExclusive(TenantId tenant, String process) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))").param("ballot-box:" + tenant.value() + ":" + process)
                .query((rs, i) -> 1).list();
    }

    public Optional<byte[]> sealedKey(TenantId tenant, String process) {
        return jdbc.sql("SELECT key_sealed FROM participation_ballot_key WHERE tenant_id = ? AND process_code = ?")
                .params(tenant.value(), process).query((rs, i) -> rs.getBytes(1)).optional();
    }

    /** Keeps this key unless the process has one already (two first ballots at once): the key kept is returned. */
    public byte[] keepKey(TenantId tenant, String process, byte[] sealed) {
        jdbc.sql("INSERT INTO participation_ballot_key (tenant_id, process_code, key_sealed) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(tenant.value(), process, sealed).update();
        return sealedKey(tenant, process).orElseThrow();
    }

    /** Whether the box of this process was opened (counted). */
    public boolean counted(TenantId tenant, String process) {
        return jdbc.sql("SELECT counted_at IS NOT NULL FROM participation_process WHERE tenant_id = ? AND code = ?")
                .params(tenant.value(), process).query(Boolean.class).optional().orElse(true);
    }

    /**
     * Puts ballots in their slots in one statement (no slot twice): a first ballot, or the voter's new one in
     * place of the old (whose receipt is kept as replaced). For each, whether it replaced an earlier ballot.
     */
    public Map<BallotWriter.Pending, Boolean> castAll(List<BallotWriter.Pending> ballots) {
        Map<String, Boolean> byReceipt = new HashMap<>();
        rows("INSERT INTO participation_ballot AS b (tenant_id, process_code, slot, sealed, receipt)", """
                ON CONFLICT (tenant_id, process_code, slot) DO UPDATE SET sealed = EXCLUDED.sealed,
                    receipt = EXCLUDED.receipt, replaced = b.replaced || b.receipt
                RETURNING receipt, (xmax <> 0)""",
                ballots.stream().map(p -> new Object[] {p.tenant().value(), p.process(), p.slot(), p.sealed(), p.receipt()}).toList())
                .query((rs, i) -> byReceipt.put(rs.getString(1), rs.getBoolean(2))).list();
        Map<BallotWriter.Pending, Boolean> replaced = new HashMap<>();
        ballots.forEach(p -> replaced.put(p, byReceipt.get(p.receipt())));
        return replaced;
    }

    /** Enters residents in the register of those who took part (the first channel and day are kept). */
    public void registerAll(List<BallotWriter.Pending> ballots) {
        rows("INSERT INTO participation_voter (tenant_id, process_code, resident_id, channel, voted_on)", "ON CONFLICT DO NOTHING",
                ballots.stream().map(p -> new Object[] {p.tenant().value(), p.process(), p.resident(), p.channel(), p.day()}).toList())
                .update();
    }

    public Optional<SealedBallot> inSlot(TenantId tenant, String process, byte[] slot) {
        return jdbc.sql("SELECT sealed, receipt FROM participation_ballot WHERE tenant_id = ? AND process_code = ? AND slot = ?")
                .params(tenant.value(), process, slot).query((rs, i) -> new SealedBallot(rs.getBytes(1), rs.getString(2)))
                .optional();
    }

    public ReceiptState receipt(TenantId tenant, String process, String receipt) {
        if (jdbc.sql("SELECT 1 FROM participation_counted_receipt WHERE tenant_id = ? AND process_code = ? AND receipt = ?")
                .params(tenant.value(), process, receipt).query(Integer.class).optional().isPresent()) {
            return ReceiptState.COUNTED;
        }
        if (jdbc.sql("SELECT 1 FROM participation_ballot WHERE tenant_id = ? AND process_code = ? AND receipt = ?")
                .params(tenant.value(), process, receipt).query(Integer.class).optional().isPresent()) {
            return ReceiptState.IN_THE_BOX;
        }
        if (jdbc.sql("SELECT 1 FROM participation_ballot WHERE tenant_id = ? AND process_code = ? AND ? = ANY (replaced)")
                .params(tenant.value(), process, receipt).query(Integer.class).optional().isPresent()) {
            return ReceiptState.REPLACED;
        }
        return ReceiptState.UNKNOWN;
    }

    /** How many ballots the box holds now (the count of voters, not what they chose). */
    public int ballotsInBox(TenantId tenant, String process) {
        return jdbc.sql("SELECT count(*) FROM participation_ballot WHERE tenant_id = ? AND process_code = ?")
                .params(tenant.value(), process).query(Integer.class).single();
    }

    /** Those who took part, per channel. */
    public Map<String, Integer> turnout(TenantId tenant, String process) {
        Map<String, Integer> byChannel = new LinkedHashMap<>();
        jdbc.sql("SELECT channel, count(*) FROM participation_voter WHERE tenant_id = ? AND process_code = ? GROUP BY channel ORDER BY channel")
                .params(tenant.value(), process).query((rs, i) -> byChannel.put(rs.getString(1), rs.getInt(2))).list();
        return byChannel;
    }

    // ---- the count

    public List<SealedBallot> box(TenantId tenant, String process) {
        return jdbc.sql("SELECT sealed, receipt FROM participation_ballot WHERE tenant_id = ? AND process_code = ?")
                .params(tenant.value(), process).query((rs, i) -> new SealedBallot(rs.getBytes(1), rs.getString(2))).list();
    }

    /**
     * Opens the box for good, in the caller's transaction: the anonymous ballots and the counted receipts
     * written each in its own random order, the results, the sealed rows and the key deleted.
     */
    public void publish(TenantId tenant, String process, List<Ballot> ballots, List<String> receipts,
            List<Tally.ScopeResult> results, Instant now) {
        List<Ballot> shuffled = new ArrayList<>(ballots);
        Collections.shuffle(shuffled, new java.security.SecureRandom());
        List<Object[]> rows = new ArrayList<>();
        for (Ballot b : shuffled) {
            rows.add(new Object[] {tenant.value(), process, UUID.randomUUID(), b.scope(), b.projects().toArray(String[]::new)});
        }
        batch("INSERT INTO participation_published_ballot (tenant_id, process_code, ballot_id, scope, projects)", rows);
        List<String> counted = new ArrayList<>(receipts);
        Collections.shuffle(counted, new java.security.SecureRandom());
        batch("INSERT INTO participation_counted_receipt (tenant_id, process_code, receipt)",
                counted.stream().map(r -> new Object[] {tenant.value(), process, r}).toList());
        List<Object[]> resultRows = new ArrayList<>();
        for (Tally.ScopeResult s : results) {
            for (Tally.ProjectResult p : s.projects()) {
                resultRows.add(new Object[] {tenant.value(), process, s.scope(), p.code(), p.votes(), p.rank(), p.selected()});
            }
        }
        batch("INSERT INTO participation_result (tenant_id, process_code, scope, project_code, votes, rank, selected)",
                resultRows);
        jdbc.sql("DELETE FROM participation_ballot WHERE tenant_id = ? AND process_code = ?").params(tenant.value(), process).update();
        jdbc.sql("DELETE FROM participation_ballot_key WHERE tenant_id = ? AND process_code = ?").params(tenant.value(), process).update();
        jdbc.sql("UPDATE participation_process SET counted_at = ?, ballots_counted = ? WHERE tenant_id = ? AND code = ?")
                .params(Timestamp.from(now), ballots.size(), tenant.value(), process).update();
    }

    /** Inserts rows 500 to a statement. */
    private void batch(String insert, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += 500) {
            rows(insert, "", rows.subList(from, Math.min(rows.size(), from + 500))).update();
        }
    }

    /** One statement {@code insert VALUES (?, …), (?, …) tail} for these rows (all of one width). */
    private JdbcClient.StatementSpec rows(String insert, String tail, List<Object[]> rows) {
        String one = "(" + String.join(", ", java.util.Collections.nCopies(rows.get(0).length, "?")) + ")";
        List<Object> params = new ArrayList<>();
        rows.forEach(r -> params.addAll(Arrays.asList(r)));
        return jdbc.sql(insert + " VALUES " + String.join(", ", java.util.Collections.nCopies(rows.size(), one)) + " " + tail)
                .params(params);
    }

    public List<Ballot> publishedBallots(TenantId tenant, String process) {
        return jdbc.sql("SELECT scope, projects FROM participation_published_ballot WHERE tenant_id = ? AND process_code = ? ORDER BY ballot_id")
                .params(tenant.value(), process)
                .query((rs, i) -> new Ballot(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray()))).list();
    }

    public List<String> countedReceipts(TenantId tenant, String process) {
        return jdbc.sql("SELECT receipt FROM participation_counted_receipt WHERE tenant_id = ? AND process_code = ? ORDER BY receipt")
                .params(tenant.value(), process).query(String.class).list();
    }

    /** How many counted ballots each budget scope got. */
    public Map<String, Integer> ballotsPerScope(TenantId tenant, String process) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("SELECT scope, count(*) FROM participation_published_ballot WHERE tenant_id = ? AND process_code = ? GROUP BY scope")
                .params(tenant.value(), process).query((rs, i) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return counts;
    }

    /** The published results, per scope, projects by rank. */
    public Map<String, List<Tally.ProjectResult>> results(TenantId tenant, String process) {
        Map<String, List<Tally.ProjectResult>> byScope = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT r.scope, r.project_code, p.cost, r.votes, r.rank, r.selected FROM participation_result r
                JOIN participation_project p ON p.tenant_id = r.tenant_id AND p.process_code = r.process_code AND p.code = r.project_code
                WHERE r.tenant_id = ? AND r.process_code = ? ORDER BY r.scope, r.rank""")
                .params(tenant.value(), process)
                .query((rs, i) -> byScope.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Tally.ProjectResult(rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getInt(5), rs.getBoolean(6))))
                .list();
        return byScope;
    }
}
