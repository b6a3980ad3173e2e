-- reverse: create index "meter_namespace_event_type" to table: "meters"
DROP INDEX "meter_namespace_event_type";
