/**
 * The single customer view: customers, households, products and the events that connect them, with
 * ingest, bulk import and the synthetic shop. Nothing here knows about recommendations or
 * campaigns.
 */
package io.affinity.core;
