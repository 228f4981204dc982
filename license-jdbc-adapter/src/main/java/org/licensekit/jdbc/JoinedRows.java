package org.licensekit.jdbc;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Folds the rows of a parent LEFT JOIN child query back into values that hold a set of children:
 * a product with its prerequisites, a role with its grants, a membership with its roles.
 */
final class JoinedRows {

  /** One row of the join: the parent's key and value, and the child when there is one. */
  record Row<P, C>(String key, P parent, Optional<C> child) {}

  private JoinedRows() {}

  /** One value per parent, in the order the parents first appear. */
  static <P, C, R> List<R> fold(List<Row<P, C>> rows, BiFunction<P, Set<C>, R> combine) {
    Map<String, P> parents = new LinkedHashMap<>();
    Map<String, ImmutableSet.Builder<C>> children = new LinkedHashMap<>();
    for (Row<P, C> row : rows) {
      parents.putIfAbsent(row.key(), row.parent());
      ImmutableSet.Builder<C> set = children.computeIfAbsent(row.key(), k -> ImmutableSet.builder());
      row.child().ifPresent(set::add);
    }
    List<R> result = new ArrayList<>(parents.size());
    parents.forEach((key, parent) -> result.add(combine.apply(parent, children.get(key).build())));
    return result;
  }
}
