/**
 * Erasing a person's personal data: {@link org.licensekit.core.internal.privacy.PrivacyService}
 * replaces their name and e-mail address by a pseudonym in every record that keeps them, and
 * {@link org.licensekit.core.internal.privacy.Redactor} decides what a text becomes.
 */
package org.licensekit.core.internal.privacy;
