/**
 * Campaigns over HTTP (scope marketing): create, list, read with progress, launch, pause, resume,
 * cancel, list recipients by state (such as the ambiguous ones after a crash), and an operator's
 * resend or settle of the ambiguous ones.
 */
package io.affinity.service.api.campaigns;
