/**
 * Suites that hold DESIGN.md's "rules that must always hold" against any store, through the public
 * API: seeded random command sequences ({@link org.licensekit.testkit.rules.InvariantPropertySuite}),
 * real-thread seat races ({@link org.licensekit.testkit.rules.SeatRaceSuite}), bad input refused
 * whole ({@link org.licensekit.testkit.rules.BadInputSuite}) and the authorization matrix
 * ({@link org.licensekit.testkit.rules.AuthorizationMatrixSuite}). A store adapter runs them by
 * subclassing each and implementing {@code createStore()}. A run spanning several processes on one
 * database uses the torture run's command mix and checks through
 * {@link org.licensekit.testkit.rules.TortureWorkload}.
 * Fault injection
 * ({@link org.licensekit.testkit.rules.FaultInjectionSuite}) is not in {@code RulesContract}: an
 * adapter runs it with a {@link org.licensekit.testkit.rules.ConnectionFaults} that can cut its
 * store's database connections (the JDBC adapter does on PostgreSQL).
 *
 * <p>Sizes come from system properties so slower stores can run smaller numbers:
 * {@code licensekit.seed}, {@code licensekit.property.runs}, {@code licensekit.property.commands},
 * {@code licensekit.race.rounds}, {@code licensekit.torture.commands}, {@code licensekit.faults}.
 */
package org.licensekit.testkit.rules;
