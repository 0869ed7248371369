package io.github.isolationaudit.fixtures.markers.required;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.Test;

/** {@code dependsOnGroups}: the check runs only after every method of the group has finished. */
public class DependentGroupsTestNgTestCase {

  @Test(groups = "markers-seed")
  public void seedsCatalog() {
    // EXPECT: SYSTEM_PROPERTY WRITE key=markers.required.testng-groups
    System.setProperty("markers.required.testng-groups", "seeded");
  }

  // VERDICT: REQUIRED
  @Test(dependsOnGroups = "markers-seed")
  public void catalogIsSeeded() {
    // EXPECT: SYSTEM_PROPERTY READ key=markers.required.testng-groups
    assertEquals(System.getProperty("markers.required.testng-groups"), "seeded");
  }
}
