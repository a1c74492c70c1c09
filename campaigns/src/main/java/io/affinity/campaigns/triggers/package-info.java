/**
 * Household triggers: rules such as "when a household member buys in category X, after a delay,
 * send template T to the other members", evaluated as purchase events arrive. A firing writes
 * recipient rows into the trigger's rolling campaign of the current cap window (decision 0007), so
 * delivery, tracking, the at-most-once guarantee and the lift report are the campaigns' own.
 */
package io.affinity.campaigns.triggers;
