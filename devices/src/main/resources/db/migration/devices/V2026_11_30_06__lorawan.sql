-- A device's LoRaWAN identity (DevEUI, 16 upper-case hex digits) and the last frame counter accepted from it:
-- an uplink whose counter is not above it is a replay or a duplicate delivery, and is dropped.
CREATE TABLE device_lorawan (
    tenant_id   text NOT NULL REFERENCES tenant (id),
    device_id   text NOT NULL,
    dev_eui     text NOT NULL,
    last_f_cnt  bigint,
    PRIMARY KEY (tenant_id, device_id),
    UNIQUE (tenant_id, dev_eui)
);
