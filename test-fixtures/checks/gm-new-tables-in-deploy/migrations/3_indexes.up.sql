CREATE INDEX orders_user_idx ON orders (user_id);
CREATE INDEX users_id_idx ON public.users (id);
ALTER TABLE "orders" ADD COLUMN total int NOT NULL;
