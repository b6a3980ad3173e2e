-- reverse: modify "billing_invoice_flat_fee_line_configs" table
ALTER TABLE "billing_invoice_flat_fee_line_configs" DROP COLUMN "payment_term";
