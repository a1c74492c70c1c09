/**
 * Campaign lift over HTTP: the JSON report ({@code GET /api/campaigns/{id}/lift}), external
 * campaigns and their CSV recipient import, and the server-rendered HTML report with inline SVG
 * charts at {@code /reports/campaigns/{id}}, opened with an API key or a signed, short-lived link.
 */
package io.affinity.service.api.lift;
