/**
 * Claims, pools and training: {@link org.licensekit.core.internal.claims.ClaimWriter} is the one
 * place a claim is written (seat choice, atomic seat take, compare-and-set transitions).
 */
package org.licensekit.core.internal.claims;
