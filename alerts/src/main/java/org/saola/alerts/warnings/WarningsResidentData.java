package org.saola.alerts.warnings;

import java.util.List;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ResidentDataSection;
import org.saola.platform.residents.ResidentDataSource;
import org.springframework.stereotype.Component;

/** What the alerts module holds about a resident: the wards whose public warnings they are sent. */
@Component
class WarningsResidentData implements ResidentDataSource {

    private final WarningSubscriptions subscriptions;

    WarningsResidentData(WarningSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void forget(TenantId tenant, UUID resident) {
        subscriptions.unsubscribe(tenant, resident);
    }

    @Override
    public List<ResidentDataSection> about(TenantId tenant, UUID resident) {
        List<List<String>> rows = subscriptions.of(tenant, resident)
                .map(wards -> List.of(List.of(wards.isEmpty() ? "*" : String.join(", ", wards)))).orElse(List.of());
        return List.of(new ResidentDataSection("warning-subscription", "Cảnh báo bạn nhận", "Warnings you are sent",
                "* là mọi cảnh báo của thành phố. Thông báo trên trình duyệt không gắn với tài khoản nên không có ở đây.",
                "* is every warning of the city. Notifications in a browser are not tied to an account, so they are not here.",
                List.of(new ResidentDataSection.Column("wards", "Phường", "Wards")), rows));
    }
}
