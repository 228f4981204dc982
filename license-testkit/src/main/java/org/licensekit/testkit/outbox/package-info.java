/** The outbox through the public API: delivery after commit, redelivery with backoff, dead letters. */
package org.licensekit.testkit.outbox;
