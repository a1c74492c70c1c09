/** Generated hostile requests against every write endpoint and every recommendation endpoint. */
package io.affinity.service.api.hostile;
