/**
 * Organizations, users, memberships and assignments: {@link
 * org.licensekit.core.internal.directory.MembershipWriter} writes every membership and {@link
 * org.licensekit.core.internal.directory.AccountWriter} every account status change, for single
 * commands and bulk work alike.
 */
package org.licensekit.core.internal.directory;
