DROP INDEX orders_user_idx;
DROP INDEX users_id_idx;
