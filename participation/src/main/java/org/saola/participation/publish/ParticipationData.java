package org.saola.participation.publish;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.saola.participation.domain.Ballot;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.Project;
import org.saola.participation.domain.Tally;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.publish.DataOffer;
import org.saola.platform.publish.PublishedData;
import org.springframework.stereotype.Component;

/**
 * Participatory budgets' outcomes offered to the open-data catalogue, once each vote is counted: the results
 * (each project's votes, rank and whether it is funded, per budget) and the anonymous ballots anyone may count
 * again. Published exactly, as every vote's result is: the ballots carry no identity and are public already for
 * recounting, so hiding small tallies would protect no one and break the recount (see docs/opendata.md).
 */
@Component
class ParticipationData implements PublishedData {

    static final String RESULTS = "participation.results";
    static final String BALLOTS = "participation.ballots";

    private static final List<DataColumn> RESULT_COLUMNS = List.of(
            DataColumn.of("process", DataColumn.Type.TEXT, "Quy trình", "Process"),
            DataColumn.of("process_title", DataColumn.Type.TEXT, "Tên quy trình", "Process title"),
            DataColumn.of("scope", DataColumn.Type.TEXT, "Phạm vi ngân sách (phường, trống: cả thành phố)", "Budget's scope (ward; empty: the city)"),
            DataColumn.of("budget", DataColumn.Type.INT, "Ngân sách (đồng)", "Budget (đồng)"),
            DataColumn.of("ballots", DataColumn.Type.INT, "Số phiếu được đếm", "Ballots counted"),
            DataColumn.of("project", DataColumn.Type.TEXT, "Mã dự án", "Project"),
            DataColumn.of("project_title", DataColumn.Type.TEXT, "Tên dự án", "Project title"),
            DataColumn.of("cost", DataColumn.Type.INT, "Chi phí (đồng)", "Cost (đồng)"),
            DataColumn.of("votes", DataColumn.Type.INT, "Số phiếu", "Votes"),
            DataColumn.of("rank", DataColumn.Type.INT, "Thứ hạng", "Rank"),
            DataColumn.of("selected", DataColumn.Type.BOOL, "Được chọn", "Funded"),
            DataColumn.of("counted_at", DataColumn.Type.TIMESTAMP, "Thời điểm kiểm phiếu (UTC)", "Counted at (UTC)"));
    private static final List<DataColumn> BALLOT_COLUMNS = List.of(
            DataColumn.of("process", DataColumn.Type.TEXT, "Quy trình", "Process"),
            DataColumn.of("ballot", DataColumn.Type.INT, "Số thứ tự phiếu (đã xáo trộn)", "Ballot number (shuffled)"),
            DataColumn.of("scope", DataColumn.Type.TEXT, "Phạm vi ngân sách", "Budget's scope"),
            DataColumn.of("projects", DataColumn.Type.TEXT, "Các dự án được chọn", "Projects chosen"));

    private final ParticipationService participation;

    ParticipationData(ParticipationService participation) {
        this.participation = participation;
    }

    @Override
    public List<DataOffer> offers(TenantId tenant) {
        return List.of(
                new DataOffer(RESULTS, "Kết quả ngân sách cộng đồng", "Participatory budgets' results",
                        "Kết quả mọi cuộc bỏ phiếu ngân sách cộng đồng đã kiểm: số phiếu, thứ hạng và việc được chọn của từng dự án, theo từng ngân sách.",
                        "The results of every participatory-budget vote counted: each project's votes, rank and whether it is funded, per budget.",
                        "GOVE", List.of("ngân sách cộng đồng", "participatory budgeting", "votes"), "IRREG", Optional.empty(), RESULT_COLUMNS,
                        Optional.empty()),
                new DataOffer(BALLOTS, "Phiếu bầu ẩn danh của ngân sách cộng đồng", "Participatory budgets' anonymous ballots",
                        "Mọi lá phiếu đã đếm, không có danh tính và đã xáo trộn thứ tự, để bất kỳ ai cũng kiểm phiếu lại được.",
                        "Every ballot counted, without identity and in shuffled order, so that anyone can count the vote again.",
                        "GOVE", List.of("ngân sách cộng đồng", "participatory budgeting", "ballots"), "IRREG", Optional.empty(), BALLOT_COLUMNS,
                        Optional.empty()));
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        if (!key.equals(RESULTS) && !key.equals(BALLOTS)) {
            throw new NotFoundException("no dataset '" + key + "'");
        }
        for (ParticipationService.Overview o : participation.processes(tenant)) {
            if (!o.counted()) {
                continue;
            }
            String code = o.process().code();
            if (key.equals(BALLOTS)) {
                int n = 0;
                for (Ballot b : participation.publishedBallots(tenant, code)) {
                    sink.accept(Arrays.asList(code, (long) ++n, b.scope(), String.join(" ", b.projects())));
                }
                continue;
            }
            Map<String, Project> projects = o.projects().stream().collect(Collectors.toMap(Project::code, Function.identity(), (a, b) -> a));
            for (Tally.ScopeResult s : participation.results(tenant, code)) {
                for (Tally.ProjectResult p : s.projects()) {
                    sink.accept(Arrays.asList(code, o.process().titleVi(), s.scope(), s.budget(), (long) s.ballots(), p.code(),
                            Optional.ofNullable(projects.get(p.code())).map(Project::titleVi).orElse(p.code()), p.cost(), (long) p.votes(),
                            (long) p.rank(), p.selected(), o.countedAt().orElse(null)));
                }
            }
        }
    }
}
