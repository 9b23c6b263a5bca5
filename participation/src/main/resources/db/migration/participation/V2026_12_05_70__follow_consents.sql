-- Residents following a process before consents were recorded: each follow is a consent given when it began.
INSERT INTO resident_consent (tenant_id, id, resident_id, purpose, scope, given_at)
SELECT tenant_id, gen_random_uuid(), resident, 'participation.follow', process_code, since FROM participation_follower
WHERE EXISTS (SELECT 1 FROM resident r WHERE r.tenant_id = participation_follower.tenant_id AND r.id = participation_follower.resident);
