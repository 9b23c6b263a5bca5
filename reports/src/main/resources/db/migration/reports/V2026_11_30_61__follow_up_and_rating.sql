-- Some weeks after a report is marked fixed, its reporter is asked whether it really is (FixMyStreet's
-- questionnaire): a "no" reopens it with their words; a "yes" confirms it; either may rate the outcome.
ALTER TABLE report ADD COLUMN follow_up_sent_at timestamptz;
ALTER TABLE report ADD COLUMN follow_up_answered_at timestamptz;
ALTER TABLE report ADD COLUMN rating smallint CHECK (rating BETWEEN 1 AND 5);
CREATE INDEX report_follow_up_due ON report (closed_at)
    WHERE status = 'FIXED' AND follow_up_sent_at IS NULL AND reporter_id IS NOT NULL;
