/**
 * The console's campaigns page: the list with progress and engagement, the draft form (create,
 * edit, copy), launch, pause, resume and cancel behind a confirmation, live progress (htmx polling
 * every 2 s), the lift report with ECharts charts, and external campaigns (register, upload the
 * recipients' CSV).
 */
package io.affinity.service.console.campaigns;
