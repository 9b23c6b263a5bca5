package org.saola.participation.publish;

import java.util.List;
import java.util.Optional;
import org.saola.participation.domain.Tally;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;
import org.springframework.stereotype.Component;

/**
 * Participation's automated steps, for the public algorithm register: counting a participatory budget's vote,
 * and sending a proposal to the department once enough residents support it.
 */
@Component
class ParticipationAlgorithms implements AlgorithmSource {

    @Override
    public List<Algorithm> algorithms(TenantId tenant) {
        return List.of(
                new Algorithm("budget-vote-count", "Kiểm phiếu ngân sách cộng đồng", "Counting a participatory budget's vote",
                        Algorithm.Automation.APPLIES_PUBLISHED_RULE, Optional.empty(),
                        "Chọn các dự án được thực hiện theo phiếu của người dân, theo luật bỏ phiếu công bố trước khi bỏ phiếu.",
                        "Chooses the projects to carry out from residents' ballots, by the voting rule published before the vote.",
                        "Các lá phiếu ẩn danh (dự án được chọn), chi phí và phường của từng dự án, ngân sách; không có danh tính người bỏ phiếu.",
                        "The anonymous ballots (the projects chosen), each project's cost and ward, the budget; no voter's identity.",
                        "Mỗi dự án được đếm số phiếu; các dự án được xếp theo số phiếu rồi lần lượt được chọn khi còn đủ ngân sách của phạm vi"
                                + " (cả thành phố hoặc từng phường). Hòa phiếu: " + "nhiều phiếu hơn trước, rồi rẻ hơn trước, rồi theo mã dự án.",
                        "Each project's votes are counted; projects are ranked by votes and chosen in turn while their scope's budget (the"
                                + " city or a ward) still covers them. Ties: " + Tally.TIE_RULE + ".",
                        "Kết quả, các lá phiếu ẩn danh và mã biên nhận được công bố để bất kỳ ai cũng kiểm lại được và tự kiểm tra phiếu của mình đã được đếm.",
                        "The results, the anonymous ballots and the receipts are published so that anyone can count again and check their own ballot was counted.",
                        "Một người bỏ phiếu nhiều lần. Giảm thiểu: mỗi cư dân một phiếu (phiếu sau thay phiếu trước), xác minh bằng mã một lần,"
                                + " sổ người đã bỏ phiếu tách khỏi hòm phiếu.",
                        "One person voting many times. Mitigation: one ballot per resident (a later one replaces the earlier), sign-in by a"
                                + " one-time code, the register of who voted kept apart from the ballot box.",
                        List.of("/city/participation")),
                new Algorithm("proposal-threshold", "Ngưỡng ủng hộ đề xuất", "Proposal support threshold",
                        Algorithm.Automation.APPLIES_PUBLISHED_RULE, Optional.empty(),
                        "Bảo đảm mọi đề xuất được đủ người dân ủng hộ đều được đơn vị phụ trách trả lời.",
                        "Makes sure every proposal enough residents support gets an answer from the department responsible.",
                        "Số người ủng hộ mỗi đề xuất; không có danh tính người ủng hộ.",
                        "How many residents support each proposal; not who they are.",
                        "Khi số người ủng hộ đạt ngưỡng công bố của quy trình, đề xuất được gửi đến đơn vị, đơn vị phải chấp nhận, từ chối kèm lý do, hoặc gộp.",
                        "When its supports reach the process's published threshold, a proposal goes to the department, which must accept it,"
                                + " reject it with reasons, or merge it.",
                        "Đơn vị trả lời mọi đề xuất đạt ngưỡng; câu trả lời được công bố trên trang đề xuất.",
                        "The department answers every proposal over the threshold; the answer is published on the proposal's page.",
                        "Ủng hộ giả bằng nhiều tài khoản. Giảm thiểu: mỗi cư dân xác minh một lần ủng hộ một lần, giới hạn tần suất.",
                        "Fake supports from many accounts. Mitigation: one support per verified resident, rate limits.",
                        List.of("/city/participation")));
    }
}
