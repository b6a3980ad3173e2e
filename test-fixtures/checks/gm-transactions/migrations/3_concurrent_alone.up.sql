-- alone: fine
CREATE UNIQUE INDEX CONCURRENTLY t_x_idx ON t (x);
