/** The outbox as the public API shows it: the relay, dead letters and counts (OutboxService). */
package org.licensekit.core.internal.outbox;
