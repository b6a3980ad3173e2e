-- modify "subscription_phases" table
ALTER TABLE "subscription_phases" ADD COLUMN "sort_hint" smallint NULL;
