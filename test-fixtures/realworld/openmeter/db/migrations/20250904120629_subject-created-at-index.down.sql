-- reverse: create index "subject_created_at_id" to table: "subjects"
DROP INDEX "subject_created_at_id";
