package io.github.isolationaudit.rules;

import io.github.isolationaudit.model.Lock;
import io.github.isolationaudit.model.MarkerEffect;
import java.util.List;
import java.util.Map;

/**
 * One catalog entry for an isolation marker annotation.
 *
 * @param annotation internal name of the annotation type
 * @param container internal name of its repeatable container, or empty
 * @param locks fixed locks the annotation holds (junit-pioneer's)
 * @param lockKeyElement for {@code @ResourceLock}: the element that names the key, or empty
 * @param lockModeElement the element that gives the mode (READ or READ_WRITE), or empty
 * @param when element values that must hold for this rule to apply ({@code value: SAME_THREAD})
 * @param tagElement the element holding tag, category or group names, or empty
 * @param tag a fixed tag for SERIAL_GROUP markers, or empty
 * @param restores whether the annotation also restores its resource after the test
 * @param lockTargetElement for {@code @ResourceLock}: the element that says whether the class or
 *     its children hold the lock ({@code target}, JUnit 5.12+), or empty
 * @param lockProvidersElement for {@code @ResourceLock}: the element naming {@code
 *     ResourceLocksProvider} classes that compute locks at run time ({@code providers}), or empty
 * @param whenSet elements that must be written on the annotation, with a value other than the
 *     default ({@code dependsOnMethods}, {@code priority}), for this rule to apply
 * @param orderFrom for ORDERS markers whose order is between named tests (TestNG's {@code
 *     dependsOnMethods} or {@code dependsOnGroups}): that element, else empty
 */
public record MarkerRule(
    String id,
    String annotation,
    String container,
    String family,
    MarkerEffect effect,
    List<Lock> locks,
    String lockKeyElement,
    String lockModeElement,
    Map<String, String> when,
    String tagElement,
    String tag,
    boolean restores,
    String lockTargetElement,
    String lockProvidersElement,
    List<String> whenSet,
    String orderFrom,
    List<SetupAccess> sets) {

  public MarkerRule {
    locks = List.copyOf(locks);
    sets = List.copyOf(sets);
    when = Map.copyOf(when);
    whenSet = List.copyOf(whenSet);
  }

  /** Whether the annotation sets up the test's input (and so is no mere lock). */
  public boolean setsUp() {
    return !sets.isEmpty();
  }
}
