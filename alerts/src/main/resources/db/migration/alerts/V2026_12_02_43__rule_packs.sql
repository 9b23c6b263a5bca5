-- Rule packs switched on per tenant (docs/alerts.md, "Rule packs"): the rules a pack brings carry its id, so
-- switching it off takes them away again; a pack may also compute attributes (VN_AQI on air-quality stations).
ALTER TABLE alert_rule ADD COLUMN pack text;
CREATE TABLE rule_pack (
    tenant_id  text NOT NULL,
    pack       text NOT NULL,
    enabled_at timestamptz NOT NULL,
    enabled_by text NOT NULL,
    PRIMARY KEY (tenant_id, pack)
);
