package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One keyset page of a list.
 *
 * @param items the page's items
 * @param nextCursor where the next page starts (send it back as {@code cursor} or {@code after}); absent on the last page
 * @param <T> the item type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageJson<T>(List<T> items, String nextCursor) {}
