/** Keys kept in the data directory: generated once, read on every start, never logged. */
package io.affinity.core.secret;
