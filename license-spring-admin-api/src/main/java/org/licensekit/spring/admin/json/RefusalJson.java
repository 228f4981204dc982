package org.licensekit.spring.admin.json;

/**
 * A product an assignment could not give the user.
 *
 * @param product the product
 * @param code {@code NO_SEAT_AVAILABLE} or {@code NO_POOL} (see the library's error codes)
 * @param message what happened, in words
 */
public record RefusalJson(String product, String code, String message) {}
