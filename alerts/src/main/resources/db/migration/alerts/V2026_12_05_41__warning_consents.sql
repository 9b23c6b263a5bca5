-- Residents subscribed before consents were recorded: each subscription is a consent given when it was made.
INSERT INTO resident_consent (tenant_id, id, resident_id, purpose, scope, given_at)
SELECT tenant_id, gen_random_uuid(), resident_id, 'alerts.warnings', '', created_at FROM warning_subscription;
