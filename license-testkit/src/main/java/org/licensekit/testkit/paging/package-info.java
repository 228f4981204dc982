/**
 * Bounded work through the public API: the keyset-paged directory listing, and the commands that
 * walk a pool a page at a time (roll-over, term change, reconciliation), run over data several
 * pages large. {@link org.licensekit.testkit.LicenseKitContract} runs them on every store.
 */
package org.licensekit.testkit.paging;
