package org.saola.reports.domain;

import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ConsentPurpose;
import org.saola.reports.store.ReportStore;
import org.springframework.stereotype.Component;

/**
 * A reporter's consent to be told what becomes of their report (its acknowledgement, each update, the question
 * whether it was fixed); withdrawn, nothing more about that report is sent to them, and it stays theirs.
 */
@Component
class UpdatesConsent implements ConsentPurpose {

    private final ReportStore reports;

    UpdatesConsent(ReportStore reports) {
        this.reports = reports;
    }

    @Override
    public String id() {
        return ReportService.UPDATES_CONSENT;
    }

    @Override
    public String descriptionVi() {
        return "Được báo tin về phản ánh bạn đã gửi (tiếp nhận, cập nhật, hỏi đã khắc phục chưa)";
    }

    @Override
    public String descriptionEn() {
        return "To be told what becomes of a report you filed (received, updates, whether it was fixed)";
    }

    @Override
    public void withdraw(TenantId tenant, UUID resident, String scope) {
        Optional<Long> id = scope.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(scope));
        reports.stopUpdates(tenant, resident, id);
    }
}
