-- Documents a process publishes (plans, studies, rules, minutes): PDF files with their titles, served through
-- Saola. Kept in the database with their description, so a document and its listing commit together and a
-- backup of the database holds both.
CREATE TABLE participation_document (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    id               uuid NOT NULL,
    title_vi         text NOT NULL,
    title_en         text NOT NULL,
    media_type       text NOT NULL,
    size             int NOT NULL,
    content          bytea NOT NULL,
    uploaded_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, process_code, id),
    FOREIGN KEY (tenant_id, process_code) REFERENCES participation_process (tenant_id, code)
);
