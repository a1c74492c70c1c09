/** What every HTTP response carries, whichever part of the service answers it. */
package io.affinity.service.http;
