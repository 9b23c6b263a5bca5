package org.saola.indicators.publish;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.saola.indicators.projects.Project;
import org.saola.indicators.projects.Projects;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.publish.DataOffer;
import org.saola.platform.publish.PublishedData;
import org.springframework.stereotype.Component;

/** The register of smart-city projects offered to the open-data catalogue: one row per project. */
@Component
class ProjectsData implements PublishedData {

    static final String KEY = "indicators.projects";

    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("project", DataColumn.Type.TEXT, "Mã dự án", "Project code"),
            DataColumn.of("name_vi", DataColumn.Type.TEXT, "Tên (tiếng Việt)", "Name (Vietnamese)"),
            DataColumn.of("name_en", DataColumn.Type.TEXT, "Tên (tiếng Anh)", "Name (English)"),
            DataColumn.of("department", DataColumn.Type.TEXT, "Cơ quan phụ trách", "Department"),
            DataColumn.of("status", DataColumn.Type.TEXT, "Trạng thái", "Status"),
            DataColumn.of("budget_vnd", DataColumn.Type.INT, "Kinh phí (đồng)", "Budget (VND)"),
            DataColumn.of("partners", DataColumn.Type.TEXT, "Đối tác", "Partners"),
            DataColumn.of("started_on", DataColumn.Type.DATE, "Bắt đầu", "Started"),
            DataColumn.of("live_on", DataColumn.Type.DATE, "Có hiệu lực từ", "In effect since"),
            DataColumn.of("indicators", DataColumn.Type.TEXT, "Chỉ số hướng tới", "Indicators it is meant to move"));

    private final Projects projects;

    ProjectsData(Projects projects) {
        this.projects = projects;
    }

    @Override
    public List<DataOffer> offers(TenantId tenant) {
        return List.of(new DataOffer(KEY, "Danh mục dự án thành phố thông minh", "The register of smart-city projects",
                "Các dự án thành phố thông minh của thành phố: mục tiêu, cơ quan phụ trách, kinh phí, đối tác, ngày bắt đầu và có hiệu lực,"
                        + " các chỉ số dự án hướng tới (trang /city/projects có đánh giá quyền con người và so sánh trước-sau).",
                "The city's smart-city projects: goal, department, budget, partners, when each started and took effect, the indicators"
                        + " it is meant to move (/city/projects has each one's rights assessment and before-and-after comparison).",
                "GOVE", List.of("dự án", "projects", "smart city"), "IRREG", Optional.empty(), COLUMNS, Optional.empty()));
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        if (!key.equals(KEY)) {
            throw new NotFoundException("no dataset '" + key + "'");
        }
        for (Project p : projects.list(tenant)) {
            sink.accept(java.util.Arrays.asList(p.code(), p.nameVi(), p.nameEn(), p.department(), p.status(), p.budgetVnd(),
                    String.join("; ", p.partners()), p.startedOn(), p.liveOn(), String.join(" ", p.indicators())));
        }
    }
}
