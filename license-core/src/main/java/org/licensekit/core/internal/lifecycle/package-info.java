/** Follow-up, expiry and alert sweeps, roll-overs, seat transfers and reassignment, offboarding. */
package org.licensekit.core.internal.lifecycle;
