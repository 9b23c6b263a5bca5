-- Documents staff publish as datasets (a PDF report, a plan): the file itself is the distribution, kept here so that
-- every node serves it; no table, so no datastore.
CREATE TABLE opendata_document (
    tenant_id  text   NOT NULL,
    dataset_id uuid   NOT NULL,
    file_name  text   NOT NULL,
    media_type text   NOT NULL,
    size       bigint NOT NULL,
    sha256     text   NOT NULL,
    content    bytea  NOT NULL,
    PRIMARY KEY (tenant_id, dataset_id),
    FOREIGN KEY (tenant_id, dataset_id) REFERENCES opendata_dataset (tenant_id, id) ON DELETE CASCADE
);
