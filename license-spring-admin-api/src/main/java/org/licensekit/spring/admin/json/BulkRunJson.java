package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A bulk run started through the API: its progress, and once finished how it ended.
 *
 * @param idempotencyKey the key it was started with
 * @param state {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param done users processed so far
 * @param total users the filter selected when the run started (0 until known)
 * @param startedAt when the run was accepted
 * @param finishedAt when it finished, if it did
 * @param result where its result is read, once completed
 * @param error why it failed, if it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkRunJson(String idempotencyKey, String state, long done, long total, String startedAt, String finishedAt, String result,
    ReasonJson error) {}
