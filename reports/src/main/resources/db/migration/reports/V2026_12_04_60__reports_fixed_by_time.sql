-- The indicators measure reports fixed within a period (fixed on time, median days to fix): found by the time they
-- were closed rather than by reading every report.
CREATE INDEX report_fixed_by_time ON report (tenant_id, closed_at) WHERE status = 'FIXED';
