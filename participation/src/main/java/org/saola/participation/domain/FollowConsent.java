package org.saola.participation.domain;

import java.util.UUID;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ConsentPurpose;
import org.springframework.stereotype.Component;

/** A resident's consent to be told what becomes of a process they follow; withdrawn, they no longer follow it. */
@Component
class FollowConsent implements ConsentPurpose {

    private final FollowUpService followUp;

    FollowConsent(FollowUpService followUp) {
        this.followUp = followUp;
    }

    @Override
    public String id() {
        return FollowUpService.CONSENT;
    }

    @Override
    public String descriptionVi() {
        return "Được báo tin về một quá trình bạn theo dõi (câu trả lời cho đề xuất, tiến độ các dự án)";
    }

    @Override
    public String descriptionEn() {
        return "To be told of a process you follow (answers to proposals, the projects' progress)";
    }

    @Override
    public void withdraw(TenantId tenant, UUID resident, String scope) {
        if (!scope.isEmpty()) {
            followUp.follow(tenant, scope, resident, false);
        }
    }
}
