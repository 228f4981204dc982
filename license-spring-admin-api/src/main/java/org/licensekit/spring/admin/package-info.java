/**
 * The admin HTTP API: the admin guide's operations as JSON under
 * {@code licensekit.web.admin-api.base-path}, each run as the actor the application's
 * {@link org.licensekit.spring.web.LicensingPrincipalResolver} returns. Auto-configured by
 * {@link org.licensekit.spring.admin.LicensekitAdminApiAutoConfiguration} when
 * {@code licensekit.web.admin-api.enabled=true} in a servlet web application.
 */
package org.licensekit.spring.admin;
