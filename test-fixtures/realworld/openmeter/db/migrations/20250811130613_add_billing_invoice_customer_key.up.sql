-- modify "billing_invoices" table
ALTER TABLE "billing_invoices" ADD COLUMN "customer_key" character varying NULL;
