/** {@code /api/models}: train on demand, follow training jobs, list the registered models. */
package io.affinity.service.api.models;
