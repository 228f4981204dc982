package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}) with LicenseKit's error code.
 *
 * @param type a URI naming the problem, {@code urn:licensekit:problem:} and the code in lower case with dashes
 * @param title the problem in a few words
 * @param status the HTTP status
 * @param detail this occurrence in words
 * @param instance the request path
 * @param code the library's error code, such as {@code INVALID_INPUT} or {@code SEATS_BELOW_LIVE_CLAIMS}
 * @param hint what the person who can fix it should do
 * @param errors each bad field, for {@code INVALID_INPUT}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemJson(String type, String title, int status, String detail, String instance, String code, String hint,
    List<FieldErrorJson> errors) {}
