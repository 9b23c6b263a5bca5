-- Internal networks a tenant's administrator lets Saola call on the tenant's behalf (notification
-- endpoints, webhooks on the city's own network); everything internal not listed is refused.
CREATE TABLE outbound_allow (
    tenant_id  text NOT NULL REFERENCES tenant (id),
    network    text NOT NULL,
    PRIMARY KEY (tenant_id, network)
);
