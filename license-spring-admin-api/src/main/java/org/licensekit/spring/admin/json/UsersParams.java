package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The query of the user list: the bulk filter's criteria and a keyset page.
 *
 * @param organization only members of this organization
 * @param includeSubOrganizations also members of its sub-organizations
 * @param role only users holding this role
 * @param jobProfile only users set up with this job profile
 * @param status only users in these statuses (repeat the parameter for several)
 * @param q only users whose name or e-mail contains this text
 * @param claimProduct with {@code claimStatus}: only users whose claim of this product is in that state
 * @param claimStatus the claim state {@code claimProduct} is filtered by
 * @param endsBefore only temporary staff whose end date is before this day
 * @param after the {@code nextCursor} of the page before (opaque); absent for the first page
 * @param limit users per page, 1 to 200 (default 50)
 * @param trainingId with {@code trainingStatus}: only users in that state of this training
 * @param trainingStatus the training state {@code trainingId} is filtered by
 */
public record UsersParams(
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String organization,
    Boolean includeSubOrganizations,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String role,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String jobProfile,
    List<BulkRequestJson.AccountStatusJson> status,
    @Size(min = 1, max = 200) String q,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String claimProduct,
    BulkRequestJson.ClaimConditionJson claimStatus,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsBefore,
    @Size(min = 1, max = 2_000) String after,
    @Min(1) @Max(200) Integer limit,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String trainingId,
    TrainingStatusJson trainingStatus) {}
