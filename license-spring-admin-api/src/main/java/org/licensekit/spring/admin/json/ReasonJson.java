package org.licensekit.spring.admin.json;

/**
 * Why something was refused or denied, with what to do about it.
 *
 * @param code the machine-readable code
 * @param detail what failed, in words
 * @param hint what the person who can fix it should do
 */
public record ReasonJson(String code, String detail, String hint) {}
