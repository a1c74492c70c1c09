/** Free-form JSON attributes of customers, households and products, stored as JSON text. */
package io.affinity.core.attributes;
