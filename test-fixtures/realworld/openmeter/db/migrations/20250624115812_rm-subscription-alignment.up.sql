-- modify "subscriptions" table
ALTER TABLE "subscriptions" DROP COLUMN "billables_must_align";
