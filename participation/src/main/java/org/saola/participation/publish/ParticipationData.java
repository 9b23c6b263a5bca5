package org.saola.participation.publish;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.saola.participation.domain.Ballot;
import org.saola.participation.domain.Budget;
import org.saola.participation.domain.FollowUpService;
import org.saola.participation.domain.ParticipatoryProcess;
import org.saola.participation.domain.PhaseDates;
import org.saola.participation.domain.Progress;
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
 * Participation offered to the open-data catalogue: the processes and their phases; "you said, we did" (each
 * progress update on a funded project or an accepted proposal); and participatory budgets' outcomes, once each
 * vote is counted: the results (each project's votes, rank and whether it is funded, per budget) and the
 * anonymous ballots anyone may count again. Published exactly, as every vote's result is: the ballots carry no
 * identity and are public already for recounting, so hiding small tallies would protect no one and break the
 * recount (see docs/opendata.md).
 */
@Component
class ParticipationData implements PublishedData {

    static final String RESULTS = "participation.results";
    static final String BALLOTS = "participation.ballots";
    static final String PROCESSES = "participation.processes";
    static final String PROGRESS = "participation.progress";

    private static final List<DataColumn> PROCESS_COLUMNS = List.of(
            DataColumn.of("process", DataColumn.Type.TEXT, "Quy trình", "Process"),
            DataColumn.of("title_vi", DataColumn.Type.TEXT, "Tên (tiếng Việt)", "Title (Vietnamese)"),
            DataColumn.of("title_en", DataColumn.Type.TEXT, "Tên (tiếng Anh)", "Title (English)"),
            DataColumn.of("department", DataColumn.Type.TEXT, "Cơ quan phụ trách", "Department responsible"),
            DataColumn.of("wards", DataColumn.Type.TEXT, "Các phường (trống: cả thành phố)", "Wards (empty: the city)"),
            DataColumn.of("phase", DataColumn.Type.TEXT, "Giai đoạn", "Phase"),
            DataColumn.of("starts", DataColumn.Type.DATE, "Từ ngày", "From"),
            DataColumn.of("ends", DataColumn.Type.DATE, "Đến ngày", "To"),
            DataColumn.of("voting_rule", DataColumn.Type.TEXT, "Cách bỏ phiếu", "Voting rule"),
            DataColumn.of("budget", DataColumn.Type.INT, "Tổng ngân sách (đồng)", "Total budget (đồng)"));
    private static final List<DataColumn> PROGRESS_COLUMNS = List.of(
            DataColumn.of("process", DataColumn.Type.TEXT, "Quy trình", "Process"),
            DataColumn.of("kind", DataColumn.Type.TEXT, "Loại (PROJECT: dự án, PROPOSAL: đề xuất)", "Kind (PROJECT or PROPOSAL)"),
            DataColumn.of("ref", DataColumn.Type.TEXT, "Mã dự án hoặc số đề xuất", "Project code or proposal number"),
            DataColumn.of("title_vi", DataColumn.Type.TEXT, "Tên (tiếng Việt)", "Title (Vietnamese)"),
            DataColumn.of("title_en", DataColumn.Type.TEXT, "Tên (tiếng Anh)", "Title (English)"),
            DataColumn.of("cost", DataColumn.Type.INT, "Chi phí dự kiến (đồng)", "Planned cost (đồng)"),
            DataColumn.of("status", DataColumn.Type.TEXT, "Tình trạng", "Status"),
            DataColumn.of("percent", DataColumn.Type.INT, "Mức hoàn thành (%)", "Done (%)"),
            DataColumn.of("spent", DataColumn.Type.INT, "Đã chi (đồng)", "Spent (đồng)"),
            DataColumn.of("starts", DataColumn.Type.DATE, "Bắt đầu", "Starts"),
            DataColumn.of("ends", DataColumn.Type.DATE, "Kết thúc", "Ends"),
            DataColumn.of("note_vi", DataColumn.Type.TEXT, "Ghi chú (tiếng Việt)", "Note (Vietnamese)"),
            DataColumn.of("note_en", DataColumn.Type.TEXT, "Ghi chú (tiếng Anh)", "Note (English)"),
            DataColumn.of("proposals", DataColumn.Type.TEXT, "Các đề xuất được đáp ứng", "Proposals it answers"),
            DataColumn.of("reports", DataColumn.Type.TEXT, "Các phản ánh được đáp ứng", "Reports it answers"),
            DataColumn.of("recorded_at", DataColumn.Type.TIMESTAMP, "Thời điểm cập nhật (UTC)", "Recorded at (UTC)"));

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
    private final FollowUpService followUp;

    ParticipationData(ParticipationService participation, FollowUpService followUp) {
        this.participation = participation;
        this.followUp = followUp;
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
                        Optional.empty()),
                new DataOffer(PROCESSES, "Các quy trình tham gia của người dân", "Participatory processes",
                        "Mọi quy trình tham gia: cơ quan phụ trách, các phường, từng giai đoạn với ngày bắt đầu và kết thúc, cách bỏ phiếu và ngân sách.",
                        "Every participatory process: the department responsible, its wards, each phase with its dates, the voting rule and the budget.",
                        "GOVE", List.of("tham gia", "participation", "consultation"), "IRREG", Optional.empty(), PROCESS_COLUMNS,
                        Optional.empty()),
                new DataOffer(PROGRESS, "Người dân đề xuất, thành phố thực hiện", "You said, we did: progress",
                        "Tiến độ các dự án được chọn và các đề xuất được chấp nhận: tình trạng, mức hoàn thành, số tiền đã chi, và các đề xuất, phản ánh mà chúng đáp ứng.",
                        "Progress of the projects funded and proposals accepted: status, how far done, money spent, and the proposals and reports they answer.",
                        "GOVE", List.of("tham gia", "participation", "accountability"), "IRREG", Optional.empty(), PROGRESS_COLUMNS,
                        Optional.empty()));
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        if (!List.of(RESULTS, BALLOTS, PROCESSES, PROGRESS).contains(key)) {
            throw new NotFoundException("no dataset '" + key + "'", "participation.notFound.dataset", key);
        }
        if (key.equals(PROCESSES)) {
            for (ParticipationService.Overview o : participation.processes(tenant)) {
                ParticipatoryProcess p = o.process();
                long budget = p.budgets().stream().mapToLong(Budget::amount).sum();
                for (PhaseDates d : p.phases()) {
                    sink.accept(Arrays.asList(p.code(), p.titleVi(), p.titleEn(), p.department(), String.join("; ", p.wards()),
                            d.phase().name(), d.starts(), d.ends(), p.rule() == null ? null : p.rule().kind().name(),
                            p.budgets().isEmpty() ? null : budget));
                }
            }
            return;
        }
        if (key.equals(PROGRESS)) {
            // Only what the process page shows the public ("you said, we did"): hidden proposals' words stay out.
            for (ParticipationService.Overview o : participation.processes(tenant)) {
                for (FollowUpService.Item i : followUp.items(tenant, o)) {
                    String proposals = String.join(" ", i.proposals().stream().map(String::valueOf).toList());
                    String reports = String.join(" ", i.reports().stream().map(String::valueOf).toList());
                    for (Progress u : i.updates()) {
                        sink.accept(Arrays.asList(o.process().code(), i.kind().name(), i.ref(), i.titleVi(), i.titleEn(),
                                i.cost().orElse(null), u.status().name(), (long) u.percent(), u.spent(), u.starts().orElse(null),
                                u.ends().orElse(null), u.noteVi(), u.noteEn(), proposals, reports, u.at()));
                    }
                }
            }
            return;
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
