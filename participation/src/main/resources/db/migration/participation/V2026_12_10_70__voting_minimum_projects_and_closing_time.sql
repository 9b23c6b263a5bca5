-- The voting rule's least number of projects per ballot (Decidim's "minimum number of projects"; with approval
-- voting, "choose 2 to 3") and the time of day the vote closes on its last day (NULL: when the day ends).
ALTER TABLE participation_process
    ADD COLUMN min_projects int NOT NULL DEFAULT 0 CHECK (min_projects BETWEEN 0 AND 100),
    ADD COLUMN voting_closes_at time;
