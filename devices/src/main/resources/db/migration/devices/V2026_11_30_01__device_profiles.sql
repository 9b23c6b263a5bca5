-- Device profiles a tenant imported (the ones Saola ships are read from the application, not stored).
CREATE TABLE device_profile (
    tenant_id   text NOT NULL REFERENCES tenant (id),
    id          text NOT NULL,
    document    jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- A device's kind is now the id of its profile.
UPDATE device SET kind = 'air-quality' WHERE kind = 'AirQualityStation';
COMMENT ON COLUMN device.kind IS 'the id of the device''s profile (shipped or in device_profile)';
COMMENT ON COLUMN device.entity_id IS 'the first entity the device feeds (its profile''s first target)';
