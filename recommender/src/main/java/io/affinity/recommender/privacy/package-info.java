/** What the recommender holds about a person, for erasure and export (see core's privacy). */
package io.affinity.recommender.privacy;
