/**
 * Response tracking: HMAC-signed tokens for open pixels, click redirects and unsubscribe links;
 * recording opens, clicks and unsubscribes (with probable bots flagged); the preference centre
 * behind the unsubscribe link, which records every choice in the consent ledger; engagement per
 * campaign.
 */
package io.affinity.campaigns.tracking;
