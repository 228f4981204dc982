package org.licensekit.spring.admin.json;

/**
 * A count.
 *
 * @param count how many
 */
public record CountJson(long count) {}
