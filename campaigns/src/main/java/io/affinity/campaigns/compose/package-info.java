/**
 * The boundary between templates and delivery: what one recipient's message says ({@link
 * io.affinity.campaigns.compose.MessageComposer}), independent of how it is sent.
 */
package io.affinity.campaigns.compose;
