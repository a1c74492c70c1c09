/**
 * Models: the indicators file that training writes, the registry of trained models, and the holder
 * that swaps a new model in atomically while queries run.
 */
package io.affinity.recommender.model;
