/** Products, roles, job profiles and tenant settings. */
package org.licensekit.core.internal.catalog;
