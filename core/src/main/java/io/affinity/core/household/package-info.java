/** Households: customers who buy as one family, with their shared address. */
package io.affinity.core.household;
