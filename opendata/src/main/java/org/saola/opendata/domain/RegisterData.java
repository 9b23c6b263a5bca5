package org.saola.opendata.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.publish.DataOffer;
import org.saola.platform.publish.PublishedData;

/** The algorithm register offered to the catalogue as a dataset of its own, one row per algorithm. */
public class RegisterData implements PublishedData {

    static final String KEY = "opendata.algorithm-register";
    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("algorithm_id", DataColumn.Type.TEXT, "Mã", "Id"),
            DataColumn.of("name_vi", DataColumn.Type.TEXT, "Tên", "Name (Vietnamese)"),
            DataColumn.of("name_en", DataColumn.Type.TEXT, "Tên tiếng Anh", "Name"),
            DataColumn.of("automation", DataColumn.Type.TEXT, "Mức độ tự quyết định", "How far it decides"),
            DataColumn.of("department", DataColumn.Type.TEXT, "Đơn vị chịu trách nhiệm", "Department responsible"),
            DataColumn.of("purpose_vi", DataColumn.Type.TEXT, "Để làm gì", "Purpose (Vietnamese)"),
            DataColumn.of("purpose_en", DataColumn.Type.TEXT, "Để làm gì (tiếng Anh)", "Purpose"),
            DataColumn.of("data_vi", DataColumn.Type.TEXT, "Dữ liệu sử dụng", "Data used (Vietnamese)"),
            DataColumn.of("data_en", DataColumn.Type.TEXT, "Dữ liệu sử dụng (tiếng Anh)", "Data used"),
            DataColumn.of("how_vi", DataColumn.Type.TEXT, "Cách hoạt động", "How it works (Vietnamese)"),
            DataColumn.of("how_en", DataColumn.Type.TEXT, "Cách hoạt động (tiếng Anh)", "How it works"),
            DataColumn.of("oversight_vi", DataColumn.Type.TEXT, "Giám sát của con người", "Human oversight (Vietnamese)"),
            DataColumn.of("oversight_en", DataColumn.Type.TEXT, "Giám sát của con người (tiếng Anh)", "Human oversight"),
            DataColumn.of("risks_vi", DataColumn.Type.TEXT, "Rủi ro và giảm thiểu", "Risks and mitigations (Vietnamese)"),
            DataColumn.of("risks_en", DataColumn.Type.TEXT, "Rủi ro và giảm thiểu (tiếng Anh)", "Risks and mitigations"),
            DataColumn.of("appears_on", DataColumn.Type.TEXT, "Kết quả xuất hiện ở", "Where results appear"));

    private final AlgorithmRegister register;

    public RegisterData(AlgorithmRegister register) {
        this.register = register;
    }

    @Override
    public List<DataOffer> offers(TenantId tenant) {
        return List.of(new DataOffer(KEY, "Danh mục thuật toán", "Algorithm register",
                "Mọi thuật toán và quy tắc tự động mà thành phố sử dụng: mục đích, dữ liệu, cách hoạt động, giám sát của con người, rủi ro, đơn vị chịu trách nhiệm.",
                "Every algorithm and automated rule the city uses: purpose, data, how it works, human oversight, risks, the department responsible.",
                "GOVE", List.of("thuật toán", "algorithms", "transparency"), "IRREG", Optional.empty(), COLUMNS, Optional.empty()));
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        if (!key.equals(KEY)) {
            throw new NotFoundException("no dataset '" + key + "'");
        }
        for (Algorithm a : register.list(tenant)) {
            sink.accept(Arrays.asList(a.id(), a.nameVi(), a.nameEn(), a.automation().name(), a.department().orElse(null), a.purposeVi(),
                    a.purposeEn(), a.dataVi(), a.dataEn(), a.howVi(), a.howEn(), a.oversightVi(), a.oversightEn(), a.risksVi(), a.risksEn(),
                    String.join(" ", a.appearsOn())));
        }
    }
}
