BEGIN;

GRANT mergestat_anonymous TO mergestat_admin;

COMMIT;
