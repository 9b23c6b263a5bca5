package org.saola.opendata.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.publish.AlgorithmSource;

/**
 * The public algorithm register: every algorithm and automated rule the city's platform uses, as each module
 * describes it ({@link AlgorithmSource}), with this module's own (disclosure control), kept current because it is
 * read from the running platform (an alert rule changed shows changed), and the algorithms the city uses outside
 * Saola, recorded by staff ({@link RecordedAlgorithms}).
 */
public class AlgorithmRegister {

    private final List<AlgorithmSource> sources;
    private final RecordedAlgorithms recorded;

    public AlgorithmRegister(List<AlgorithmSource> sources, RecordedAlgorithms recorded) {
        this.sources = List.copyOf(sources);
        this.recorded = recorded;
    }

    /** The platform's own algorithms (not those recorded by staff). */
    private List<Algorithm> platforms(TenantId tenant) {
        List<Algorithm> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.algorithms(tenant)));
        all.add(DISCLOSURE_CONTROL);
        return all;
    }

    /** The algorithms the city uses outside Saola, as staff recorded them. */
    public List<Algorithm> recorded(TenantId tenant) {
        return recorded.list(tenant);
    }

    /**
     * Records (or replaces) an algorithm the city uses outside Saola; its id may not be one of the platform's. True
     * when it is new.
     */
    public boolean record(TenantId tenant, Algorithm a, String by) {
        if (platforms(tenant).stream().anyMatch(p -> p.id().equals(a.id())) || a.id().startsWith("alert-rule-")) {
            throw new org.saola.platform.ConflictException("'" + a.id() + "' is one of the platform's own algorithms, which describe"
                    + " themselves; record this one under another id");
        }
        return recorded.put(tenant, a, by);
    }

    public void remove(TenantId tenant, String id, String by) {
        recorded.remove(tenant, id, by);
    }

    public List<Algorithm> list(TenantId tenant) {
        List<Algorithm> all = platforms(tenant);
        all.addAll(recorded.list(tenant));
        all.sort(Comparator.comparing((Algorithm a) -> a.id().startsWith("alert-rule-")).thenComparing(Algorithm::nameEn));
        return all;
    }

    public Optional<Algorithm> find(TenantId tenant, String id) {
        return list(tenant).stream().filter(a -> a.id().equals(id)).findFirst();
    }

    static final Algorithm DISCLOSURE_CONTROL = new Algorithm("disclosure-control", "Kiểm soát công bố số liệu về con người",
            "Disclosure control of counts about people", Algorithm.Automation.APPLIES_PUBLISHED_RULE, Optional.empty(),
            "Công bố số liệu thống kê về người dân (phản ánh, tham gia) mà không ai có thể bị nhận ra từ đó.",
            "Publishes statistics about residents (reports, participation) so that no one can be singled out from them.",
            "Các số đếm (ví dụ số phản ánh theo tháng, loại và phường) trước khi công bố; không có dữ liệu cá nhân nào được công bố.",
            "The counts (e.g. reports by month, category and ward) before they are published; no personal data is published.",
            "Trong mỗi bảng hai chiều kèm các tổng: số dưới ngưỡng (10) được ẩn; hàng hay cột nào chỉ có đúng một số ẩn thì số nhỏ nhất"
                    + " còn lại cũng được ẩn, để không thể suy ra số ẩn từ tổng; các số còn lại làm tròn đến bội của 5.",
            "In each two-way table with its totals: counts under the threshold (10) are hidden; a row or column with exactly one hidden"
                    + " count gets its smallest other count hidden too, so that no total gives a hidden count away; the rest are rounded to 5.",
            "Quy tắc công bố trước và giống nhau cho mọi bảng; kiểm thử tự động thử tấn công các bảng công bố để chắc chắn không lộ số ẩn.",
            "The rule is published and the same for every table; automated tests attack the published tables to make sure no hidden count can be worked out.",
            "Ẩn quá nhiều ở nơi ít dân làm mất thông tin. Giảm thiểu: ngưỡng và mức làm tròn chỉnh được cho từng thành phố, gộp theo tháng và phường.",
            "Hiding too much where few people live loses information. Mitigation: threshold and rounding set per city, counts grouped by month and ward.",
            List.of("/city/data"));
}
