-- reverse: modify "billing_invoices" table
ALTER TABLE "billing_invoices" DROP COLUMN "sent_to_customer_at";
