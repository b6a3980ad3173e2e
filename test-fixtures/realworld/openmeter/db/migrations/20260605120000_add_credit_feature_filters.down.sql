-- reverse: modify "credit_realization_lineages" table
ALTER TABLE "credit_realization_lineages" DROP COLUMN "advance_features";

-- reverse: modify "charge_credit_purchases" table
ALTER TABLE "charge_credit_purchases" DROP COLUMN "feature_filters";
