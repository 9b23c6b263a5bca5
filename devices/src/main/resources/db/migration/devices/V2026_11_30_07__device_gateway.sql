-- The gateway that sends a device's readings for it (another device of the tenant), if one does.
ALTER TABLE device ADD COLUMN gateway_id text;
CREATE INDEX device_gateway ON device (tenant_id, gateway_id) WHERE gateway_id IS NOT NULL;
