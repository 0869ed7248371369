package io.github.isolationaudit.rules;

import java.util.List;
import java.util.Set;

/**
 * Types whose objects can be changed in place, with their mutator methods: calling one on an object
 * held by a static field writes that field's state.
 *
 * @param types internal names
 */
public record MutableType(String id, List<String> types, Set<String> mutators) {

  public MutableType {
    types = List.copyOf(types);
    mutators = Set.copyOf(mutators);
  }
}
