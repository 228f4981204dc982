package org.licensekit.spring.admin.json;

/**
 * The outcome of new-user setup.
 *
 * @param user the account as created ({@code INVITED})
 * @param assignments the pending claims made for the products the user's roles grant
 */
public record RegistrationJson(UserJson user, AssignmentJson assignments) {}
