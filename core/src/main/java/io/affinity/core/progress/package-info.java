/** Progress of long work (imports, generation), reported to a progress bar or an API field. */
package io.affinity.core.progress;
