/**
 * Privacy: erasure and export of a customer's personal data (GDPR articles 15, 17 and 20). Each
 * module contributes what it holds about a person as a {@link
 * io.affinity.core.privacy.PersonalDataPart} bean; {@link io.affinity.core.privacy.CustomerPrivacy}
 * runs all of them in one transaction and records the act in the audit log. Core knows the parts
 * only through the interface, so no module or package depends the wrong way.
 */
package io.affinity.core.privacy;
