/** The catalogue: products with category path, brand, price, cost and stock. */
package io.affinity.core.product;
