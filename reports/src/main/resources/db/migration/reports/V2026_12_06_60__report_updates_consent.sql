-- A reporter's consent to be told what becomes of their report (issue #20, residents' rights): withdrawn, no update,
-- question or answer about that report is sent to them any more; the report stays theirs on their data page.
ALTER TABLE report ADD COLUMN reporter_updates boolean NOT NULL DEFAULT true;

-- Reporters of reports filed before consents were recorded: filing with a contact was the consent, given then.
INSERT INTO resident_consent (tenant_id, id, resident_id, purpose, scope, given_at)
SELECT tenant_id, gen_random_uuid(), reporter_id, 'reports.updates', id::text, requested_at FROM report
WHERE reporter_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM resident r WHERE r.tenant_id = report.tenant_id AND r.id = report.reporter_id);
