package org.saola.alerts.warnings;

import java.util.UUID;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ConsentPurpose;
import org.springframework.stereotype.Component;

/** A resident's consent to be sent the public warnings of the wards they chose; withdrawn, they are sent none. */
@Component
class WarningConsent implements ConsentPurpose {

    private final WarningSubscriptions subscriptions;

    WarningConsent(WarningSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String id() {
        return WarningSubscriptions.CONSENT;
    }

    @Override
    public String descriptionVi() {
        return "Nhận cảnh báo công khai của các phường bạn chọn, qua e-mail hoặc tin nhắn";
    }

    @Override
    public String descriptionEn() {
        return "To be sent the public warnings of the wards you chose, by e-mail or text message";
    }

    @Override
    public void withdraw(TenantId tenant, UUID resident, String scope) {
        subscriptions.unsubscribe(tenant, resident);
    }
}
