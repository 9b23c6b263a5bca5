-- FIWARE IoT Agent compatibility: the configuration groups ("services") and devices provisioned through the
-- iotagent-node-lib API, as they were sent (returned by its GET routes), with the keys measures are routed by.
-- A group's API key routes measures that name no tenant (/iot/d?k=…, /<apikey>/<id>/attrs), so it is unique
-- across the installation. Fiware-Service and Fiware-ServicePath are kept as given: they scope the provisioning
-- API's listings, while the tenant is the caller's.
CREATE TABLE iota_group (
    tenant_id   text NOT NULL REFERENCES tenant (id),
    service     text NOT NULL,
    subservice  text NOT NULL,
    resource    text NOT NULL,
    apikey      text NOT NULL UNIQUE,
    document    jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, service, subservice, resource, apikey)
);

-- A provisioned device is also a device of Saola's register (same tenant and id), fed by a profile generated
-- from its attributes; this row keeps what only the IoT Agent API knows. A removed device leaves the register
-- retired, as every sensor does, and its row here goes.
CREATE TABLE iota_device (
    tenant_id   text NOT NULL REFERENCES tenant (id),
    device_id   text NOT NULL,
    service     text NOT NULL,
    subservice  text NOT NULL,
    apikey      text,
    protocol    text NOT NULL,
    transport   text NOT NULL,
    document    jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, device_id),
    FOREIGN KEY (tenant_id, device_id) REFERENCES device (tenant_id, id)
);
CREATE INDEX iota_device_scope ON iota_device (tenant_id, service, subservice);
