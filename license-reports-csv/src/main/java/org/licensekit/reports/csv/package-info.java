/** CSV export of LicenseKit reports, streamed page by page with Apache Commons CSV. */
package org.licensekit.reports.csv;
