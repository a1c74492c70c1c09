/**
 * Customer value: recency, frequency and monetary value, RFM scores and segments, historic and
 * predicted customer lifetime value (BG/NBD with Gamma-Gamma), kept in {@code customer_metrics}.
 */
package io.affinity.core.value;
