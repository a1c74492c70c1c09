/** JMH benchmark of composing personalised campaign messages (template + recommendations). */
package io.affinity.bench.compose;
