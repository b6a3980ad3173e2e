-- reverse: modify "usage_resets" table
ALTER TABLE "usage_resets" DROP COLUMN "usage_period_interval";
