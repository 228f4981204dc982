/**
 * One abstract suite per section of the admin guide, walking its workflow through the public API
 * ({@code Licensing} → {@code TenantLicensing} → {@code ActorSession}). A store adapter runs them
 * all by subclassing each suite and returning its store from {@code createStore()}:
 *
 * <pre>{@code
 * class JdbcRenewalWorkflowTest extends RenewalWorkflow {
 *   protected LicenseStore createStore() { return JdbcLicenseStore.builder(dataSource).build(); }
 * }
 * }</pre>
 *
 * <p>Every test runs in a tenant of its own, so one store may be shared by all of them.
 */
package org.licensekit.testkit.workflow;
