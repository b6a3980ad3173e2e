DROP FUNCTION add_one(int);
DROP FUNCTION notes_touch();
DROP TABLE notes;
