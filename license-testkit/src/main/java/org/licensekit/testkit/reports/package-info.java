/**
 * Contract suites for the reports: dashboard, claims report and its CSV export, unused licenses,
 * usage analytics, reconciliation, the usage store and who may do what. They use only the public
 * API and, to seed data the API would refuse (imported data), the store SPI; so every store
 * adapter runs them unchanged and must agree with the in-memory store on every figure.
 */
package org.licensekit.testkit.reports;
