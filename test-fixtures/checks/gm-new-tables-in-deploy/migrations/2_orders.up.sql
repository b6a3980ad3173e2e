CREATE TABLE public.orders (id int, user_id int);
