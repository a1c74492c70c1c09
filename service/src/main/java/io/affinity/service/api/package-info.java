/** The JSON API under {@code /api}: one package per resource, controllers kept thin. */
package io.affinity.service.api;
