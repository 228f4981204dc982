package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user account.
 *
 * @param id the host's user id
 * @param name the name
 * @param email the e-mail address
 * @param jobProfile the job profile the user was set up with, if any
 * @param status {@code INVITED}, {@code ACTIVE}, {@code SUSPENDED} or {@code ARCHIVED}
 * @param endDate the last day of temporary staff, if any
 * @param createdAt when the account was registered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserJson(String id, String name, String email, String jobProfile, String status, String endDate, String createdAt) {}
