-- Moderation of what residents publish: a report's own words and its photos are public at once and reviewed
-- after (post-moderation); a moderator approves them, or hides the words or a photo with a reason (personal
-- data, insults). Hidden things stay visible to staff.
ALTER TABLE report ADD COLUMN moderation text NOT NULL DEFAULT 'UNREVIEWED'
    CHECK (moderation IN ('UNREVIEWED', 'APPROVED', 'HIDDEN'));
ALTER TABLE report ADD COLUMN moderation_reason text NOT NULL DEFAULT '';
-- Reports whose words or photos no moderator has looked at yet, oldest first.
CREATE INDEX report_to_moderate ON report (tenant_id, requested_at) WHERE moderation = 'UNREVIEWED';
ALTER TABLE report_photo ADD COLUMN hidden_reason text NOT NULL DEFAULT '';
