-- Departments of a tenant: who answers for which wards and service categories (reports, alerts and
-- consultations are routed to one). Names in Vietnamese and English; the contact is public.
CREATE TABLE department (
    tenant_id           text NOT NULL REFERENCES tenant (id),
    code                text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name_vi             text NOT NULL,
    name_en             text NOT NULL,
    contact_email       text,
    contact_phone       text,
    wards               text[] NOT NULL DEFAULT '{}',
    service_categories  text[] NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, code)
);

-- Staff hold one or more roles; ADMIN and OPERATOR were the only ones until now.
ALTER TABLE staff_account ADD COLUMN roles text[];
UPDATE staff_account SET roles = ARRAY[role];
ALTER TABLE staff_account ALTER COLUMN roles SET NOT NULL;
ALTER TABLE staff_account DROP COLUMN role;
ALTER TABLE staff_account ADD CONSTRAINT staff_account_roles_known CHECK (
    cardinality(roles) > 0
    AND roles <@ ARRAY['ADMIN', 'OPERATOR', 'OFFICER', 'DEVICE_MANAGER', 'ANALYST']::text[]);
-- A disabled account cannot sign in; it is kept (never deleted) so that the audit log's names stay meaningful.
ALTER TABLE staff_account ADD COLUMN disabled_at timestamptz;

-- Staff belong to departments; an OFFICER works only what belongs to theirs.
CREATE TABLE staff_department (
    tenant_id        text NOT NULL,
    username         text NOT NULL,
    department_code  text NOT NULL,
    PRIMARY KEY (tenant_id, username, department_code),
    FOREIGN KEY (tenant_id, username) REFERENCES staff_account (tenant_id, username),
    FOREIGN KEY (tenant_id, department_code) REFERENCES department (tenant_id, code)
);

-- An API key carries one role and optionally the department it acts for.
ALTER TABLE api_key DROP CONSTRAINT api_key_role_check;
ALTER TABLE api_key ADD CONSTRAINT api_key_role_known
    CHECK (role IN ('ADMIN', 'OPERATOR', 'OFFICER', 'DEVICE_MANAGER', 'ANALYST'));
ALTER TABLE api_key ADD COLUMN department_code text;
ALTER TABLE api_key ADD FOREIGN KEY (tenant_id, department_code) REFERENCES department (tenant_id, code);
