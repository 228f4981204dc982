package org.licensekit.spring.admin.json;

/**
 * One bad input field.
 *
 * @param field the field's path, such as {@code termEnd} or {@code filter.organization}
 * @param message what is wrong with it
 */
public record FieldErrorJson(String field, String message) {}
