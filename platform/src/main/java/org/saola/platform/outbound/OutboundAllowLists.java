package org.saola.platform.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Each tenant's allow-list of internal networks Saola may call on its behalf (a tenant setting). */
@Repository
public class OutboundAllowLists implements OutboundPolicy.TenantAllowLists {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public OutboundAllowLists(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public List<Cidr> of(TenantId tenant) {
        return jdbc.sql("SELECT network FROM outbound_allow WHERE tenant_id = ? ORDER BY network")
                .param(tenant.value()).query(String.class).list().stream().map(n -> Cidr.parse("networks", n)).toList();
    }

    @Transactional
    public List<Cidr> replace(TenantId tenant, List<String> networks) {
        if (networks.size() > 100) {
            throw new InvalidInputException("networks", "at most 100 networks");
        }
        List<Cidr> parsed = new ArrayList<>();
        for (String n : networks) {
            parsed.add(Cidr.parse("networks", n));
        }
        jdbc.sql("DELETE FROM outbound_allow WHERE tenant_id = ?").param(tenant.value()).update();
        for (Cidr c : parsed) {
            jdbc.sql("INSERT INTO outbound_allow (tenant_id, network) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(tenant.value(), c.toString()).update();
        }
        audit.record(tenant, "OUTBOUND_ALLOW_LIST_CHANGED", "outbound allow-list", "",
                Map.of("networks", String.join(",", parsed.stream().map(Cidr::toString).toList())));
        return of(tenant);
    }
}
