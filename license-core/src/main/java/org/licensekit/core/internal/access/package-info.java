/** The hot path: may a user use a product now, and why not (the troubleshooter). */
package org.licensekit.core.internal.access;
