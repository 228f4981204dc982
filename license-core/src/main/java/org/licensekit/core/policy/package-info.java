/**
 * Pure rules of the admin guide: the claim lifecycle, seat choice, prerequisites, access decisions
 * and authorization. Each is a function of values, tested without any store; a rule that can say
 * "no" returns the refusal as a value with a stable code.
 */
package org.licensekit.core.policy;
