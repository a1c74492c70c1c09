/** Analytics for marketers: customer value summary, best customers, the recompute job. */
package io.affinity.service.api.analytics;
