package org.saola.participation.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.participation.domain.Comment;
import org.saola.participation.domain.Proposal;
import org.saola.participation.domain.ProposalCategory;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Proposals, their photos, supports, comments and residents' reports of abuse (migration V2026_11_30_71). */
public class ProposalStore {

    /** A proposal with its author, who may withdraw it and is told of its answer; never published. */
    public record StoredProposal(Proposal proposal, UUID author) {
    }

    /** How the list is ordered: most supported first, newest first, or the ones answered last first. */
    public enum Order { SUPPORTS, NEWEST, ANSWERED }

    /** The public list's filters; empty strings and null match everything. */
    public record Filter(String category, String ward, Set<Proposal.State> states, Order order, int limit, int offset) {
    }

    /** Something residents reported, as a moderator sees it: what, where, the reports' reasons. */
    public record Flagged(String kind, UUID id, String processCode, int proposalNumber, String text, String hiddenReason,
            int reports, List<String> reasons, List<String> details, Instant firstReported) {
    }

    private static final String COLUMNS = "p.id, p.process_code, p.number, p.title, p.body, p.category, p.ward, p.place,"
            + " p.lat, p.lon, p.supports, p.state, p.answer, p.merged_into, p.hidden_reason, p.channel, p.created_at,"
            + " p.threshold_at, p.answered_at, p.author,"
            + " (SELECT coalesce(array_agg(ph.photo::text || '|' || ph.hidden_reason ORDER BY ph.position), '{}')"
            + "    FROM participation_proposal_photo ph WHERE ph.proposal_id = p.id)";

    private final JdbcClient jdbc;

    public ProposalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes a new proposal with the next number of its process (numbers are taken under a lock per process, so
     * two residents submitting at once get two numbers, in order).
     */
    public int insert(TenantId tenant, String process, UUID id, UUID author, boolean assisted, String title, String body,
            ProposalCategory category, String ward, String place, Double lat, Double lon, Proposal.State state,
            Instant now, List<UUID> photos) {
        lockNumbers(tenant, process);
        int number = jdbc.sql("SELECT coalesce(max(number), 0) + 1 FROM participation_proposal WHERE tenant_id = ? AND process_code = ?")
                .params(tenant.value(), process).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO participation_proposal (id, tenant_id, process_code, number, author, channel, title, body,
                    category, ward, place, lat, lon, state, created_at, threshold_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), process, number, author, assisted ? "ASSISTED" : "ONLINE", title, body,
                        category.name(), ward, place, lat, lon, state.name(), Timestamp.from(now),
                        state == Proposal.State.EVALUATING ? Timestamp.from(now) : null)
                .update();
        for (int i = 0; i < photos.size(); i++) {
            jdbc.sql("INSERT INTO participation_proposal_photo (photo, proposal_id, position) VALUES (?, ?, ?)")
                    .params(photos.get(i), id, i).update();
        }
        return number;
    }

    /** Takes, until the transaction ends, the lock under which a process's proposals are numbered and counted. */
    public void lockNumbers(TenantId tenant, String process) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('participation-proposal:' || ? || ':' || ?, 0))")
                .params(tenant.value(), process).query().singleRow();
    }

    public Optional<StoredProposal> find(TenantId tenant, String process, int number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_proposal p WHERE p.tenant_id = ? AND p.process_code = ? AND p.number = ?")
                .params(tenant.value(), process, number).query((rs, i) -> stored(rs)).optional();
    }

    /** The proposal, its row locked until the transaction ends (supports and answers change it one at a time). */
    public Optional<StoredProposal> lock(TenantId tenant, String process, int number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_proposal p WHERE p.tenant_id = ? AND p.process_code = ?"
                        + " AND p.number = ? FOR UPDATE OF p")
                .params(tenant.value(), process, number).query((rs, i) -> stored(rs)).optional();
    }

    public Optional<StoredProposal> byId(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_proposal p WHERE p.tenant_id = ? AND p.id = ?")
                .params(tenant.value(), id).query((rs, i) -> stored(rs)).optional();
    }

    public List<Proposal> list(TenantId tenant, String process, Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM participation_proposal p WHERE p.tenant_id = ? AND p.process_code = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value(), process));
        if (f.category() != null && !f.category().isEmpty()) {
            sql.append(" AND p.category = ?");
            params.add(f.category());
        }
        if (f.ward() != null && !f.ward().isEmpty()) {
            sql.append(" AND p.ward = ?");
            params.add(f.ward());
        }
        if (f.states() != null && !f.states().isEmpty()) {
            sql.append(" AND p.state = ANY (?)");
            params.add(f.states().stream().map(Enum::name).toArray(String[]::new));
        }
        sql.append(switch (f.order()) {
            case SUPPORTS -> " ORDER BY p.supports DESC, p.number";
            case NEWEST -> " ORDER BY p.number DESC";
            case ANSWERED -> " ORDER BY p.answered_at DESC NULLS LAST, p.number";
        });
        sql.append(" LIMIT ? OFFSET ?");
        params.add(f.limit());
        params.add(f.offset());
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> stored(rs).proposal()).list();
    }

    public int count(TenantId tenant, String process) {
        return jdbc.sql("SELECT count(*) FROM participation_proposal WHERE tenant_id = ? AND process_code = ?")
                .params(tenant.value(), process).query(Integer.class).single();
    }

    /** How many proposals a resident has in a process that are not withdrawn (a per-resident cap). */
    public int countBy(TenantId tenant, String process, UUID author) {
        return jdbc.sql("""
                SELECT count(*) FROM participation_proposal WHERE tenant_id = ? AND process_code = ? AND author = ?
                AND state <> 'WITHDRAWN'""").params(tenant.value(), process, author).query(Integer.class).single();
    }

    /** Proposals waiting for their department's answer, oldest first, in processes run by these departments. */
    public List<Proposal> waiting(TenantId tenant, Optional<Set<String>> departments, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM participation_proposal p JOIN participation_process pr
                    ON pr.tenant_id = p.tenant_id AND pr.code = p.process_code
                WHERE p.tenant_id = ? AND p.state = 'EVALUATING' AND (? OR pr.department_code = ANY (?))
                ORDER BY p.threshold_at, p.number LIMIT ?""")
                .params(tenant.value(), departments.isEmpty(), departments.map(d -> d.toArray(String[]::new)).orElse(new String[0]), limit)
                .query((rs, i) -> stored(rs).proposal()).list();
    }

    // ---- supports

    /** Records a support; the proposal's count after it, or empty if this resident already supported it. */
    public Optional<Integer> support(UUID proposal, UUID resident) {
        int added = jdbc.sql("INSERT INTO participation_support (proposal_id, resident) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(proposal, resident).update();
        if (added == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("UPDATE participation_proposal SET supports = supports + 1 WHERE id = ? RETURNING supports")
                .param(proposal).query(Integer.class).single());
    }

    public boolean unsupport(UUID proposal, UUID resident) {
        int removed = jdbc.sql("DELETE FROM participation_support WHERE proposal_id = ? AND resident = ?")
                .params(proposal, resident).update();
        if (removed > 0) {
            jdbc.sql("UPDATE participation_proposal SET supports = supports - 1 WHERE id = ?").param(proposal).update();
        }
        return removed > 0;
    }

    public boolean supported(UUID proposal, UUID resident) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM participation_support WHERE proposal_id = ? AND resident = ?)")
                .params(proposal, resident).query(Boolean.class).single();
    }

    public void toDepartment(UUID proposal, Instant now) {
        jdbc.sql("UPDATE participation_proposal SET state = 'EVALUATING', threshold_at = ? WHERE id = ? AND state = 'COLLECTING'")
                .params(Timestamp.from(now), proposal).update();
    }

    public void answer(UUID proposal, Proposal.State state, String answer, Integer mergedInto, Instant now) {
        jdbc.sql("""
                UPDATE participation_proposal SET state = ?, answer = ?, merged_into = ?, answered_at = ?,
                    threshold_at = coalesce(threshold_at, ?) WHERE id = ?""")
                .params(state.name(), answer, mergedInto, Timestamp.from(now), Timestamp.from(now), proposal).update();
    }

    public void withdraw(UUID proposal) {
        jdbc.sql("UPDATE participation_proposal SET state = 'WITHDRAWN' WHERE id = ?").param(proposal).update();
    }

    // ---- comments

    /**
     * Adds a comment; its author's label in this proposal's thread is theirs from an earlier comment, 0 for the
     * proposal's author, or the next number (taken under a lock per proposal).
     */
    public Comment comment(UUID proposal, UUID proposalAuthor, Optional<UUID> parent, UUID author, String body, Instant now) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('participation-comment:' || ?::text, 0))").param(proposal)
                .query().singleRow();
        int label;
        if (author.equals(proposalAuthor)) {
            label = 0;
        } else {
            label = jdbc.sql("""
                    SELECT coalesce((SELECT author_label FROM participation_comment WHERE proposal_id = ? AND author = ? LIMIT 1),
                        (SELECT coalesce(max(author_label), 0) + 1 FROM participation_comment WHERE proposal_id = ?))""")
                    .params(proposal, author, proposal).query(Integer.class).single();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO participation_comment (id, proposal_id, parent_id, author, author_label, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, proposal, parent.orElse(null), author, label, body, Timestamp.from(now)).update();
        return new Comment(id, parent, label, body, "", now);
    }

    /** The comments of a proposal, oldest first (the page builds the threads). */
    public List<Comment> comments(UUID proposal) {
        return jdbc.sql("""
                SELECT id, parent_id, author_label, body, hidden_reason, created_at FROM participation_comment
                WHERE proposal_id = ? ORDER BY created_at, id""").param(proposal)
                .query((rs, i) -> new Comment(rs.getObject(1, UUID.class), Optional.ofNullable(rs.getObject(2, UUID.class)),
                        rs.getInt(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())).list();
    }

    /** The proposal a comment belongs to, if the comment exists in this tenant. */
    public Optional<UUID> proposalOf(TenantId tenant, UUID comment) {
        return jdbc.sql("""
                SELECT c.proposal_id FROM participation_comment c JOIN participation_proposal p ON p.id = c.proposal_id
                WHERE p.tenant_id = ? AND c.id = ?""").params(tenant.value(), comment).query(UUID.class).optional();
    }

    // ---- reports of abuse and moderation

    /** Records a resident's report; false when they had already reported this. */
    public boolean flag(TenantId tenant, String kind, UUID target, UUID resident, String reason, String details, Instant now) {
        return jdbc.sql("""
                INSERT INTO participation_flag (tenant_id, target_kind, target_id, resident, reason, details, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(tenant.value(), kind, target, resident, reason, details, Timestamp.from(now)).update() > 0;
    }

    /** What residents reported and no moderator has dealt with, in processes run by these departments, oldest first. */
    public List<Flagged> flagged(TenantId tenant, Optional<Set<String>> departments, int limit) {
        String[] scope = departments.map(d -> d.toArray(String[]::new)).orElse(new String[0]);
        return jdbc.sql("""
                SELECT f.target_kind, f.target_id, p.process_code, p.number,
                       CASE WHEN f.target_kind = 'PROPOSAL' THEN p.title || E'\\n' || p.body ELSE c.body END,
                       CASE WHEN f.target_kind = 'PROPOSAL' THEN p.hidden_reason ELSE c.hidden_reason END,
                       count(*), array_agg(f.reason ORDER BY f.created_at), array_agg(f.details ORDER BY f.created_at),
                       min(f.created_at)
                FROM participation_flag f
                LEFT JOIN participation_comment c ON f.target_kind = 'COMMENT' AND c.id = f.target_id
                JOIN participation_proposal p ON p.id = CASE WHEN f.target_kind = 'PROPOSAL' THEN f.target_id ELSE c.proposal_id END
                JOIN participation_process pr ON pr.tenant_id = p.tenant_id AND pr.code = p.process_code
                WHERE f.tenant_id = ? AND NOT f.dismissed AND (? OR pr.department_code = ANY (?))
                GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY min(f.created_at) LIMIT ?""")
                .params(tenant.value(), departments.isEmpty(), scope, limit)
                .query((rs, i) -> new Flagged(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), List.of((String[]) rs.getArray(8).getArray()),
                        List.of((String[]) rs.getArray(9).getArray()), rs.getTimestamp(10).toInstant())).list();
    }

    /** Hides (a reason) or shows again (empty) a proposal's or a comment's words; its reports are dealt with. */
    public boolean hide(TenantId tenant, String kind, UUID target, String reason) {
        int n = setHidden(tenant, kind, target, reason, null);
        dismiss(tenant, kind, target);
        return n > 0;
    }

    /** How many residents reported these words since a moderator last dealt with them. */
    public int openReports(TenantId tenant, String kind, UUID target) {
        return jdbc.sql("SELECT count(*) FROM participation_flag WHERE tenant_id = ? AND target_kind = ? AND target_id = ? AND NOT dismissed")
                .params(tenant.value(), kind, target).query(Integer.class).single();
    }

    /** Hides words that are shown, leaving their reports open; false when they were already hidden. */
    public boolean hideIfShown(TenantId tenant, String kind, UUID target, String reason) {
        return setHidden(tenant, kind, target, reason, "") > 0;
    }

    /** Shows again words hidden for this reason only (not a moderator's own). */
    public boolean showIfHiddenFor(TenantId tenant, String kind, UUID target, String reason) {
        return setHidden(tenant, kind, target, "", reason) > 0;
    }

    /** Sets the hidden reason ("" shows), only where it was {@code was} unless that is null. */
    private int setHidden(TenantId tenant, String kind, UUID target, String reason, String was) {
        return "PROPOSAL".equals(kind)
                ? jdbc.sql("""
                        UPDATE participation_proposal SET hidden_reason = ?
                        WHERE tenant_id = ? AND id = ? AND (?::text IS NULL OR hidden_reason = ?)""")
                        .params(reason, tenant.value(), target, was, was).update()
                : jdbc.sql("""
                        UPDATE participation_comment c SET hidden_reason = ? FROM participation_proposal p
                        WHERE p.id = c.proposal_id AND p.tenant_id = ? AND c.id = ? AND (?::text IS NULL OR c.hidden_reason = ?)""")
                        .params(reason, tenant.value(), target, was, was).update();
    }

    public int dismiss(TenantId tenant, String kind, UUID target) {
        return jdbc.sql("UPDATE participation_flag SET dismissed = true WHERE tenant_id = ? AND target_kind = ? AND target_id = ? AND NOT dismissed")
                .params(tenant.value(), kind, target).update();
    }

    // ---- photos

    /** The proposal a photo belongs to and whether the photo itself is hidden. */
    public Optional<Map.Entry<UUID, String>> photo(UUID photo) {
        return jdbc.sql("SELECT proposal_id, hidden_reason FROM participation_proposal_photo WHERE photo = ?").param(photo)
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).optional();
    }

    /** Comment counts of several proposals at once (the list shows them). */
    public Map<UUID, Integer> commentCounts(List<UUID> proposals) {
        Map<UUID, Integer> counts = new HashMap<>();
        if (proposals.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT proposal_id, count(*) FROM participation_comment WHERE proposal_id = ANY (?::uuid[]) AND hidden_reason = '' GROUP BY 1")
                .param(proposals.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, i) -> counts.put(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        return counts;
    }

    private static StoredProposal stored(ResultSet rs) throws SQLException {
        List<Proposal.Photo> photos = new ArrayList<>();
        for (String ph : (String[]) rs.getArray(21).getArray()) {
            int bar = ph.indexOf('|');
            photos.add(new Proposal.Photo(UUID.fromString(ph.substring(0, bar)), ph.substring(bar + 1)));
        }
        double lat = rs.getDouble(9);
        Double la = rs.wasNull() ? null : lat;
        double lon = rs.getDouble(10);
        Double lo = rs.wasNull() ? null : lon;
        int merged = rs.getInt(14);
        Integer mergedInto = rs.wasNull() ? null : merged;
        Proposal p = new Proposal(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                ProposalCategory.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), la, lo, List.copyOf(photos),
                rs.getInt(11), Proposal.State.valueOf(rs.getString(12)), rs.getString(13), mergedInto, rs.getString(15),
                "ASSISTED".equals(rs.getString(16)), rs.getTimestamp(17).toInstant(),
                Optional.ofNullable(rs.getTimestamp(18)).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getTimestamp(19)).map(Timestamp::toInstant));
        return new StoredProposal(p, rs.getObject(20, UUID.class));
    }
}
