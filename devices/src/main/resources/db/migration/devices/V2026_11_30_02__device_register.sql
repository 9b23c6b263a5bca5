-- What the public sensor register shows about each device: its owner, purpose, personal data, retention,
-- installation and status. Devices registered before this have a department-less owner to be filled in.
ALTER TABLE device
    ADD COLUMN owner_department   text,
    ADD COLUMN owner_organisation text,
    ADD COLUMN purpose            text NOT NULL DEFAULT '',
    ADD COLUMN personal_data      text NOT NULL DEFAULT '',
    ADD COLUMN legal_basis        text NOT NULL DEFAULT '',
    ADD COLUMN retention          text NOT NULL DEFAULT 'P5Y',
    ADD COLUMN installed_on       date,
    ADD COLUMN status             text NOT NULL DEFAULT 'ACTIVE';

UPDATE device SET owner_organisation = 'not stated yet', purpose = 'not stated yet'
WHERE owner_department IS NULL AND owner_organisation IS NULL;
