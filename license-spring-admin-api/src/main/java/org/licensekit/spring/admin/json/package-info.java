/**
 * The admin HTTP API's wire format: request and response records, decoupled from the core's value
 * types so the JSON stays stable while the Java API evolves. Ids are strings, instants ISO-8601 in
 * UTC ({@code 2026-09-01T00:00:00Z}), dates ISO-8601 ({@code 2027-06-30}); absent values are left out.
 */
package org.licensekit.spring.admin.json;
