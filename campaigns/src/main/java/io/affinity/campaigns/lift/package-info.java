/**
 * Campaign lift: purchases attributed to a campaign's recipients, treatment and control alike, from
 * rows the database finds through indexes ({@link io.affinity.campaigns.lift.CampaignAttribution}),
 * and the statistics on the resulting arm summaries in a pure class ({@link
 * io.affinity.campaigns.lift.LiftStatistics}): z-test, Welch's t-test, delta-method relative lifts,
 * power and CUPED. What a report reads is kept in memory for the next one ({@link
 * io.affinity.campaigns.lift.RecipientCache}, {@link io.affinity.campaigns.lift.KeptPurchases}) and
 * saved in the database for other nodes and restarts ({@link
 * io.affinity.campaigns.lift.SnapshotStore}), both used only while checks against the rows show
 * them current. See {@code docs/lift.md}.
 */
package io.affinity.campaigns.lift;
