/** {@code /api/templates}: create, version, read and preview e-mail templates (scope marketing). */
package io.affinity.service.api.templates;
