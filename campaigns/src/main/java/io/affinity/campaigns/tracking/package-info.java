/**
 * Response tracking: HMAC-signed tokens for open pixels, click redirects and unsubscribe links;
 * recording opens, clicks and unsubscribes (with probable bots flagged); engagement per campaign.
 */
package io.affinity.campaigns.tracking;
