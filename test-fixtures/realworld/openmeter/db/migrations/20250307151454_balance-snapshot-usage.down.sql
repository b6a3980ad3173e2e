-- reverse: modify "balance_snapshots" table
ALTER TABLE "balance_snapshots" DROP COLUMN "usage";
