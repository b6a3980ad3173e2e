-- reverse: create index "billinginvoice_namespace_customer_id_currency" to table: "billing_invoices"
DROP INDEX "billinginvoice_namespace_customer_id_currency";
