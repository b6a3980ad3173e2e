-- reverse: create index "chargeusagebasedrunoveragecreditallocations_namespace" to table: "charge_usage_based_run_overage_credit_allocations"
DROP INDEX "chargeusagebasedrunoveragecreditallocations_namespace";
-- reverse: create index "chargeusagebasedrunoveragecreditallocations_id" to table: "charge_usage_based_run_overage_credit_allocations"
DROP INDEX "chargeusagebasedrunoveragecreditallocations_id";
-- reverse: create index "chargeusagebasedrunoveragecreditallocations_annotations" to table: "charge_usage_based_run_overage_credit_allocations"
DROP INDEX "chargeusagebasedrunoveragecreditallocations_annotations";
-- reverse: create "charge_usage_based_run_overage_credit_allocations" table
DROP TABLE "charge_usage_based_run_overage_credit_allocations";
-- reverse: create index "chargeflatfeerunoveragecreditallocations_namespace" to table: "charge_flat_fee_run_overage_credit_allocations"
DROP INDEX "chargeflatfeerunoveragecreditallocations_namespace";
-- reverse: create index "chargeflatfeerunoveragecreditallocations_id" to table: "charge_flat_fee_run_overage_credit_allocations"
DROP INDEX "chargeflatfeerunoveragecreditallocations_id";
-- reverse: create index "chargeflatfeerunoveragecreditallocations_annotations" to table: "charge_flat_fee_run_overage_credit_allocations"
DROP INDEX "chargeflatfeerunoveragecreditallocations_annotations";
-- reverse: create "charge_flat_fee_run_overage_credit_allocations" table
DROP TABLE "charge_flat_fee_run_overage_credit_allocations";
