CREATE TABLE accounts (id bigint, email text, age int);
CREATE TABLE invoices (id bigint, account_id bigint) PARTITION BY RANGE (id);
CREATE INDEX accounts_email_idx ON accounts (email);
