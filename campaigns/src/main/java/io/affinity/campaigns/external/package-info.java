/**
 * External campaigns: campaigns sent by another tool, registered here with their recipients and
 * arms imported from CSV (all or nothing), so that the lift report measures them against our
 * events.
 */
package io.affinity.campaigns.external;
