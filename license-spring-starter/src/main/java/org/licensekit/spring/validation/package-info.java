/** Bean Validation constraints of LicenseKit's configuration properties. */
package org.licensekit.spring.validation;
