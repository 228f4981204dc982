/**
 * The licensing domain in the admin guide's words: tenants, organizations, user accounts,
 * memberships, roles, job profiles, products, license pools, license claims, training records,
 * actors, audit entries and events. Every value is immutable; types with more than three fields
 * have builders ({@code LicensePool.builder()}).
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = true),
    optionalAcceptNullable = false)
package org.licensekit.core.domain;

import org.immutables.value.Value;
