package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One audit entry.
 *
 * @param id the entry id
 * @param at when the change was made
 * @param actor who made it ({@code kind:id})
 * @param action what kind of change, such as {@code CLAIM_ASSIGNED}
 * @param subjectType the kind of record changed
 * @param subjectId the record changed
 * @param user the user concerned, if one
 * @param before the record before, as text
 * @param after the record after, as text
 * @param reason why, when one was given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntryJson(String id, String at, String actor, String action, String subjectType, String subjectId, String user,
    String before, String after, String reason) {}
