-- reverse: create index "subscriptionaddon_namespace_subscription_id_addon_id" to table: "subscription_addons"
DROP INDEX "subscriptionaddon_namespace_subscription_id_addon_id";
