-- The node working on a running run holds a lease on it and renews it while it works. A run
-- whose lease has lapsed (its node died) or was handed back (its node stopped) is claimed
-- again by any node, which resumes it where its results end.
ALTER TABLE runs ADD COLUMN lease_owner TEXT;
ALTER TABLE runs ADD COLUMN lease_expires_at TEXT;
