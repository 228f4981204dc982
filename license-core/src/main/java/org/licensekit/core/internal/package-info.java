/**
 * Use-case implementations, not API: hosts use {@code org.licensekit.core} and its {@code api} and
 * {@code spi} packages. This package is the kernel every capability shares: {@link
 * org.licensekit.core.internal.Context} (authorize → check → one transaction with its audit →
 * dispatch after commit), {@link org.licensekit.core.internal.UnitOfWork}, {@link
 * org.licensekit.core.internal.Lookups}, {@link org.licensekit.core.internal.Grants} and the
 * {@link org.licensekit.core.internal.Ports} one {@code Licensing} runs on. Each sub-package is one
 * capability; they depend on the kernel and on each other without cycles (an architecture test
 * keeps it so).
 */
package org.licensekit.core.internal;
