/**
 * The public API: use-case interfaces reached from {@link org.licensekit.core.TenantLicensing},
 * their commands, queries and results. Commands validate themselves with Jakarta Validation when
 * submitted; a bad one is refused with {@link org.licensekit.core.InvalidInputException} naming each
 * bad field, before anything is written.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
    optionalAcceptNullable = false)
package org.licensekit.core.api;

import org.immutables.value.Value;
