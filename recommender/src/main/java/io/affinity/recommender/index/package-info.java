/**
 * The Lucene index that serves recommendations: one document per product with its metadata
 * (category path, brand, price, margin, stock), popularity and trend, and its indicators as feature
 * fields whose values are the LLR weights.
 */
package io.affinity.recommender.index;
