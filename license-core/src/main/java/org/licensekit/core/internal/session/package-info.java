/** The composition root: an actor session wiring every capability to one context. */
package org.licensekit.core.internal.session;
