-- reverse: modify "features" table
ALTER TABLE "features" DROP COLUMN "description";
